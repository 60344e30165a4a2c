package io.tatra.model.train;

import ai.djl.nn.Parameter;

import java.util.List;

/**
 * Early stopping on a validation loss: keeps a copy of the parameters at the best epoch, says when {@code patience}
 * epochs in a row have not improved it (by more than 1e-6), and restores the best copy at the end. One helper for
 * every training loop (multi-task, a head on a frozen encoder).
 */
final class EarlyStopping implements AutoCloseable {
    static final double MIN_IMPROVEMENT = 1e-6;

    private final List<Parameter> params;
    private final int patience;
    private Snapshot best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch, sinceBest;

    EarlyStopping(List<Parameter> params, int patience) {
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        this.params = List.copyOf(params);
        this.patience = patience;
    }

    /** Records one epoch's validation loss; true when training should stop. */
    boolean stop(int epoch, double loss) {
        if (loss < bestLoss - MIN_IMPROVEMENT) {
            bestLoss = loss;
            bestEpoch = epoch;
            sinceBest = 0;
            if (best != null) best.close();
            best = Snapshot.of(params);
            return false;
        }
        return ++sinceBest >= patience;
    }

    int bestEpoch() { return bestEpoch; }

    double bestLoss() { return bestLoss; }

    /** Puts the best epoch's values back into the parameters (no-op before the first epoch). */
    void restoreBest() {
        if (best != null) best.restore();
    }

    @Override
    public void close() {
        if (best != null) best.close();
        best = null;
    }
}
