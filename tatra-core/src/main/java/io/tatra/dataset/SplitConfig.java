package io.tatra.dataset;

/**
 * Split parameters, all in bars.
 *
 * @param method          walk-forward (expanding), rolling, or CPCV
 * @param folds           walk-forward/rolling: number of test blocks at the end of the timeline; CPCV: groups N
 * @param testGroups      CPCV only: test groups per split (k of N)
 * @param testShare       walk-forward/rolling: share of the timeline covered by all test blocks together
 * @param validationShare share of each fold's training stretch kept, at its end, for validation (early stopping)
 * @param purge           bars dropped between a training sample and any later evaluated sample, at least the label lookahead
 * @param embargo         further bars dropped, at least window + label lookahead, so no training label overlaps an
 *                        evaluated window and no training window contains an evaluated label
 */
public record SplitConfig(SplitMethod method, int folds, int testGroups, double testShare, double validationShare,
                          int purge, int embargo) {
    public SplitConfig {
        if (method == null) throw new IllegalArgumentException("split method is null");
        if (folds < 1 || folds > 100) throw new IllegalArgumentException("folds/groups must be 1..100, got " + folds);
        if (method == SplitMethod.CPCV && (testGroups < 1 || testGroups >= folds))
            throw new IllegalArgumentException("CPCV needs 1 <= test groups < groups, got " + testGroups + " of " + folds);
        if (!(testShare > 0 && testShare < 1)) throw new IllegalArgumentException("test share must be in (0,1), got " + testShare);
        if (!(validationShare >= 0 && validationShare < 0.9)) throw new IllegalArgumentException("validation share must be in [0,0.9), got " + validationShare);
        if (purge < 0 || embargo < 0) throw new IllegalArgumentException("purge and embargo must be >= 0 bars");
    }

    /** Defaults that satisfy the purge/embargo rules for this window and label lookahead. */
    public static SplitConfig defaults(SplitMethod method, int window, int lookahead) {
        return new SplitConfig(method, method == SplitMethod.CPCV ? 6 : 4, 2, 0.4, 0.15, lookahead, window + lookahead);
    }

    /** Bars between a training sample and an evaluated one. */
    public int gap() { return purge + embargo; }

    /** Refuses purge/embargo too small for this window and lookahead. */
    public void checkAgainst(int window, int lookahead) {
        if (purge < lookahead) throw new IllegalArgumentException("purge " + purge + " bars is shorter than the label lookahead " + lookahead + " bars");
        if (embargo < window + lookahead)
            throw new IllegalArgumentException("embargo " + embargo + " bars is shorter than window + lookahead = " + (window + lookahead) + " bars");
    }
}
