package io.tatra.model.train;

import io.tatra.model.nn.Scalar;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.tatra.model.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task weights of each balancing scheme and how the losses (or, for GradNorm, the gradients) are combined. */
final class LossBalancer {
    static final double DWA_TEMPERATURE = 2, GRADNORM_ALPHA = 1.5, GRADNORM_RATE = 0.025;

    private final Balance balance;
    private final int tasks;
    private final double[] weights;
    private final Parameter logVariance;          // UW: one learned s_i per task
    private final List<double[]> epochLosses = new ArrayList<>();
    private double[] initialLoss;

    LossBalancer(Balance balance, int tasks, NDManager manager) {
        this.balance = balance;
        this.tasks = tasks;
        this.weights = new double[tasks];
        java.util.Arrays.fill(weights, 1);
        if (balance == Balance.UW) {
            logVariance = Parameter.builder().setName("uw_log_variance").setType(Parameter.Type.OTHER).build();
            logVariance.setArray(manager.zeros(new Shape(tasks)));
            logVariance.getArray().setRequiresGradient(true);
        } else {
            logVariance = null;
        }
    }

    List<Parameter> parameters() { return logVariance == null ? List.of() : List.of(logVariance); }

    void startEpoch() {
        if (balance != Balance.DWA || epochLosses.size() < 2) return;
        double[] last = epochLosses.get(epochLosses.size() - 1), prev = epochLosses.get(epochLosses.size() - 2);
        double[] e = new double[tasks];
        double z = 0;
        for (int i = 0; i < tasks; i++) { e[i] = Math.exp(last[i] / prev[i] / DWA_TEMPERATURE); z += e[i]; }
        for (int i = 0; i < tasks; i++) weights[i] = tasks * e[i] / z;
    }

    void endEpoch(double[] lossSums, int batches) {
        double[] mean = new double[tasks];
        for (int i = 0; i < tasks; i++) mean[i] = lossSums[i] / batches;
        epochLosses.add(mean);
    }

    /** The scalar to back-propagate for EW, UW and DWA. */
    NDArray combine(NDArray[] losses) {
        NDArray total = null;
        for (int i = 0; i < tasks; i++) {
            NDArray term;
            if (balance == Balance.UW) {
                NDArray s = logVariance.getArray().get(i);
                s.attach(losses[i].getManager());           // freed with the batch, not kept on the model's manager
                term = losses[i].mul(s.neg().exp()).add(s);
            } else {
                term = losses[i].mul(Scalar.of(losses[i], weights[i]));
            }
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /**
     * GradNorm: the weighted sum of the per-task shared gradients with the current weights, then one update of
     * the weights. With G_i = w_i·‖g_i‖ and target Ḡ·r_i^α (r_i the task's relative inverse training rate), the
     * gradient of Σ|G_i − target_i| with respect to w_i is sign(G_i − target_i)·‖g_i‖ (the target held constant,
     * as in the paper), so no second-order backward is needed. Weights stay positive and sum to the task count.
     */
    float[] gradNorm(float[][] g, double[] losses) {
        if (initialLoss == null) initialLoss = losses.clone();
        int n = g[0].length;
        double[] norm = new double[tasks];
        float[] out = new float[n];
        for (int i = 0; i < tasks; i++) {
            double sq = 0;
            for (int k = 0; k < n; k++) { sq += (double) g[i][k] * g[i][k]; out[k] += (float) (weights[i] * g[i][k]); }
            norm[i] = Math.sqrt(sq);
        }
        double[] rate = new double[tasks];
        double meanRate = 0, meanG = 0, meanNorm = 0;
        for (int i = 0; i < tasks; i++) {
            rate[i] = initialLoss[i] > 0 ? losses[i] / initialLoss[i] : 1;
            meanRate += rate[i] / tasks;
            meanG += weights[i] * norm[i] / tasks;
            meanNorm += norm[i] / tasks;
        }
        if (meanNorm > 0) {
            for (int i = 0; i < tasks; i++) {
                double target = meanG * Math.pow(rate[i] / meanRate, GRADNORM_ALPHA);
                double grad = Math.signum(weights[i] * norm[i] - target) * norm[i] / meanNorm;
                weights[i] = Math.max(0.05, weights[i] - GRADNORM_RATE * grad);
            }
            double sum = 0;
            for (double w : weights) sum += w;
            for (int i = 0; i < tasks; i++) weights[i] *= tasks / sum;
        }
        return out;
    }

    double weight(int i) { return weights[i]; }

    Map<String, Double> weights(List<Task> ts) {
        Map<String, Double> out = new LinkedHashMap<>();
        float[] s = logVariance == null ? null : logVariance.getArray().toFloatArray();
        for (int i = 0; i < tasks; i++) out.put(ts.get(i).name(), s != null ? Math.exp(-s[i]) : weights[i]);
        return out;
    }
}
