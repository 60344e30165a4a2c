package io.tatra.app;

/**
 * The equity reference a PPO policy saw in its training episodes, kept by a strategy that acts on it continuously:
 * blocks of {@code episodeBars} bars counted by bar time (bars since the epoch, so the same whatever window of history a
 * venue passes), each starting at the equity of its first bar; the drawdown from the block's peak and the return since
 * its start are the observation's two equity values.
 */
final class EpisodeBlock {
    private final int episodeBars;
    private long start = Long.MIN_VALUE;
    private double startEquity, peak;

    EpisodeBlock(int episodeBars) {
        if (episodeBars < 1) throw new IllegalArgumentException("episode length must be >= 1 bar, got " + episodeBars);
        this.episodeBars = episodeBars;
    }

    /** Records the equity at bar {@code bar} (bars since the epoch), starting a new block when the last one is full. */
    void update(long bar, double equity) {
        if (start == Long.MIN_VALUE || bar - start >= episodeBars) {
            start = bar;
            startEquity = peak = equity;
        }
        peak = Math.max(peak, equity);
    }

    double drawdown(double equity) { return equity / peak - 1; }

    double blockReturn(double equity) { return equity / startEquity - 1; }

    /** Bars since the epoch of the bar opening at {@code openMillis}. */
    static long bar(long openMillis, long intervalMillis) { return openMillis / intervalMillis; }
}
