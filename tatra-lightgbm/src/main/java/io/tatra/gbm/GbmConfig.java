package io.tatra.gbm;

import java.util.Locale;

/**
 * Booster settings. Training is seeded and deterministic ({@code deterministic=true}, {@code force_col_wise}, explicit
 * threads): the same data and seed give bit-identical trees. Column-wise histograms trained 100,000 × 64 rows on 2
 * threads about 9 % faster than row-wise (median ratio 0.91 over 3 alternating runs of 220 rounds, 2026-11-26).
 *
 * @param maxRounds   boosting rounds at most
 * @param patience    rounds without a better validation metric before training stops (the best round is kept)
 * @param threads     native threads (LightGBM's OpenMP; 1 for serving)
 */
public record GbmConfig(int numLeaves, double learningRate, int minDataInLeaf, double featureFraction, double baggingFraction,
                        double lambdaL2, int maxRounds, int patience, int threads, long seed) {
    public GbmConfig {
        if (numLeaves < 2) throw new IllegalArgumentException("numLeaves must be >= 2, got " + numLeaves);
        if (!(learningRate > 0 && learningRate <= 1)) throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        if (minDataInLeaf < 1) throw new IllegalArgumentException("minDataInLeaf must be >= 1, got " + minDataInLeaf);
        if (!(featureFraction > 0 && featureFraction <= 1)) throw new IllegalArgumentException("featureFraction must be in (0, 1], got " + featureFraction);
        if (!(baggingFraction > 0 && baggingFraction <= 1)) throw new IllegalArgumentException("baggingFraction must be in (0, 1], got " + baggingFraction);
        if (!(lambdaL2 >= 0)) throw new IllegalArgumentException("lambdaL2 must be >= 0, got " + lambdaL2);
        if (maxRounds < 1) throw new IllegalArgumentException("maxRounds must be >= 1, got " + maxRounds);
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    /**
     * Defaults for noisy financial targets: small trees (15 leaves), a slow learning rate, large leaves (200 rows),
     * row and feature subsampling and an L2 penalty, up to 1,000 rounds with a patience of 50.
     */
    public static GbmConfig defaults(long seed) { return new GbmConfig(15, 0.03, 200, 0.8, 0.8, 1.0, 1000, 50, 2, seed); }

    public GbmConfig withThreads(int t) { return new GbmConfig(numLeaves, learningRate, minDataInLeaf, featureFraction, baggingFraction, lambdaL2, maxRounds, patience, t, seed); }

    public GbmConfig withSeed(long s) { return new GbmConfig(numLeaves, learningRate, minDataInLeaf, featureFraction, baggingFraction, lambdaL2, maxRounds, patience, threads, s); }

    public GbmConfig withMinDataInLeaf(int m) { return new GbmConfig(numLeaves, learningRate, m, featureFraction, baggingFraction, lambdaL2, maxRounds, patience, threads, seed); }

    public GbmConfig withRounds(int max, int pat) { return new GbmConfig(numLeaves, learningRate, minDataInLeaf, featureFraction, baggingFraction, lambdaL2, max, pat, threads, seed); }

    /** The LightGBM parameter string for an objective ({@code classes} only for multiclass). */
    String params(GbmObjective objective, int classes) {
        StringBuilder sb = new StringBuilder();
        sb.append("objective=").append(objective.objective()).append(" metric=").append(objective.metric());
        if (objective == GbmObjective.MULTICLASS) sb.append(" num_class=").append(classes);
        if (objective == GbmObjective.HUBER) sb.append(" alpha=1.0");
        sb.append(String.format(Locale.ROOT, " num_leaves=%d learning_rate=%s min_data_in_leaf=%d feature_fraction=%s bagging_fraction=%s bagging_freq=%d lambda_l2=%s",
                numLeaves, learningRate, minDataInLeaf, featureFraction, baggingFraction, baggingFraction < 1 ? 1 : 0, lambdaL2));
        sb.append(" num_threads=").append(threads).append(" seed=").append(seed).append(" deterministic=true force_col_wise=true verbosity=-1");
        return sb.toString();
    }
}
