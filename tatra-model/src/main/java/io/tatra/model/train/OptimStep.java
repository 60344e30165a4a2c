package io.tatra.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.List;

/** AdamW (or Adam) over a list of parameters with global-norm gradient clipping; call outside the gradient collector. */
public final class OptimStep {
    private final Optimizer optimizer;
    private final double clip;

    public OptimStep(double learningRate, double weightDecay, double clip) {
        this(Optimizer.adamW().optLearningRateTracker(Tracker.fixed((float) learningRate)).optWeightDecays((float) weightDecay).build(), clip);
    }

    private OptimStep(Optimizer optimizer, double clip) {
        this.optimizer = optimizer;
        this.clip = clip;
    }

    /** Plain Adam (no weight decay) with this ε, e.g. 1e-5 as the PPO reference implementations use (DJL's default is 1e-8). */
    public static OptimStep adam(double learningRate, double epsilon, double clip) {
        return new OptimStep(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).optEpsilon((float) epsilon).build(), clip);
    }

    /** Clips the global gradient norm to {@code clip} and applies one update; returns the norm before clipping. */
    public double step(List<Parameter> params) {
        double sq = 0;
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient()) {
                for (float v : g.toFloatArray()) sq += (double) v * v;      // in Java: no per-step arrays left on the model's manager
            }
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            List<String> bad = new java.util.ArrayList<>();
            for (Parameter p : params) {
                float[] g = p.getArray().getGradient().toFloatArray();
                float max = 0;
                for (float v : g) max = Math.max(max, Math.abs(v));
                if (!Float.isFinite(max)) bad.add(p.getName() + p.getArray().getShape());
            }
            throw new IllegalStateException("gradient norm is " + norm + " (non-finite in " + bad + "): training diverged (lower the learning rate)");
        }
        if (norm > clip) Autograd.scale(params, (float) (clip / norm));
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient()) {
                optimizer.update(p.getId(), p.getArray(), g);
            }
        }
        return norm;
    }
}
