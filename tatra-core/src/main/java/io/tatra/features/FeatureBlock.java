package io.tatra.features;

/** One family of features: reads the current bar, keeps its own rolling state, writes its columns. */
interface FeatureBlock {
    void step(StepInput in, double[] out);
}
