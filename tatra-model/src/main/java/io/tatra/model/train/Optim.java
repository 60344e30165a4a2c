package io.tatra.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.List;

/** AdamW over a list of parameters with global-norm gradient clipping; call outside the gradient collector. */
final class Optim {
    private final Optimizer optimizer;
    private final double clip;

    Optim(double learningRate, double weightDecay, double clip) {
        this.optimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed((float) learningRate))
                .optWeightDecays((float) weightDecay).build();
        this.clip = clip;
    }

    /** Clips the global gradient norm to {@code clip} and applies one update; returns the norm before clipping. */
    double step(List<Parameter> params) {
        double sq = 0;
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient(); NDArray s = g.square().sum()) {
                sq += s.getFloat();
            }
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) throw new IllegalStateException("gradient norm is " + norm + ": training diverged (lower the learning rate)");
        if (norm > clip) Autograd.scale(params, (float) (clip / norm));
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient()) {
                optimizer.update(p.getId(), p.getArray(), g);
            }
        }
        return norm;
    }
}
