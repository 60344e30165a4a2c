package io.tatra.live;

/**
 * Tells a stream that is open but no longer delivering from one that merely lost a frame. Evidence comes from the
 * REST catch-up polls: a poll that finds closed bars the stream should have delivered counts against the stream; a
 * bar the stream delivered since the previous poll clears the count; a poll that finds nothing is no evidence either
 * way (on hourly bars most polls find nothing). Two polls in a row with bars over REST and none from the stream
 * between them: the stream is stale and should be reconnected. A single dropped frame never trips it, however often
 * drops happen, as long as the stream delivers between them.
 */
public final class StaleStreamWatch {
    private final int threshold;
    private long streamBarsAtLastPoll = -1;
    private int missedInARow;

    /** @param threshold polls in a row with REST bars and no stream bar that make the stream stale (>= 1) */
    public StaleStreamWatch(int threshold) {
        if (threshold < 1) throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
        this.threshold = threshold;
    }

    /** A fresh connection: earlier evidence was about the old one. */
    public void reset() {
        missedInARow = 0;
        streamBarsAtLastPoll = -1;
    }

    /**
     * One poll's evidence.
     *
     * @param streamBars bars the stream has delivered so far (a running count)
     * @param restBars   closed bars this poll fetched over REST (ones the stream had not delivered)
     * @return true when the stream is to be taken for stale (the count starts again)
     */
    public boolean onPoll(long streamBars, int restBars) {
        if (streamBars != streamBarsAtLastPoll) missedInARow = 0;
        streamBarsAtLastPoll = streamBars;
        if (restBars <= 0) return false;
        if (++missedInARow < threshold) return false;
        missedInARow = 0;
        return true;
    }
}
