package io.tatra.model.train;

import java.util.Map;

/**
 * One epoch of training: mean per-task training and validation losses (unweighted), the task weights in
 * force, the share of PCGrad task pairs whose gradients conflicted (NaN for other balancing), and seconds.
 */
public record EpochLog(int epoch, Map<String, Double> trainLoss, Map<String, Double> validationLoss,
                       Map<String, Double> weights, double conflictRate, double validationTotal, double seconds) {
    public String line() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "epoch %2d  val %.4f ", epoch, validationTotal));
        validationLoss.forEach((k, v) -> sb.append(String.format(java.util.Locale.ROOT, " %s %.4f/%.4f", k, trainLoss.get(k), v)));
        if (!Double.isNaN(conflictRate)) sb.append(String.format(java.util.Locale.ROOT, "  conflicts %.1f%%", 100 * conflictRate));
        sb.append(String.format(java.util.Locale.ROOT, "  %.1fs", seconds));
        return sb.toString();
    }
}
