package io.tatra.exchange;

/**
 * Faults the paper exchange injects, so that clients are tested against what a real venue does to them. Shares are
 * probabilities per request or message, drawn from {@code seed}; zero everywhere is a well-behaved exchange.
 *
 * @param rateLimitShare      share of private requests answered 10006 "Too many visits!" with the limit headers
 * @param serverErrorShare    share of requests answered 10016 "System error. Please try again later." (nothing done)
 * @param latencyMillis       added delay before each REST answer
 * @param loseOrderResponses  the first N order creations are carried out, then their answer is lost (the connection closes)
 * @param clockOffsetMillis   the server's clock runs this far ahead of the machine's (a client must measure it: 10002)
 * @param dropSocketSeconds   close every WebSocket after this many seconds (0 = never)
 * @param duplicateShare      share of stream messages sent twice
 * @param reorderShare        share of stream messages swapped with the next one
 * @param dropShare           share of stream messages not sent
 * @param bookGapEvery        skip one order-book update id every N deltas (0 = never)
 * @param seed                the random draws
 */
public record FaultPlan(double rateLimitShare, double serverErrorShare, long latencyMillis, int loseOrderResponses, long clockOffsetMillis,
                        long dropSocketSeconds, double duplicateShare, double reorderShare, double dropShare, int bookGapEvery, long seed) {
    public FaultPlan {
        for (double v : new double[]{rateLimitShare, serverErrorShare, duplicateShare, reorderShare, dropShare})
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("a fault share must lie in [0, 1], got " + v);
        if (latencyMillis < 0 || latencyMillis > 60_000) throw new IllegalArgumentException("latencyMillis must be 0..60000, got " + latencyMillis);
        if (loseOrderResponses < 0 || dropSocketSeconds < 0 || bookGapEvery < 0) throw new IllegalArgumentException("fault counts must be >= 0");
        if (Math.abs(clockOffsetMillis) > 86_400_000L) throw new IllegalArgumentException("clockOffsetMillis beyond a day");
    }

    public static FaultPlan none() { return new FaultPlan(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1); }

    public FaultPlan withRateLimitShare(double v) { return new FaultPlan(v, serverErrorShare, latencyMillis, loseOrderResponses, clockOffsetMillis, dropSocketSeconds, duplicateShare, reorderShare, dropShare, bookGapEvery, seed); }

    public FaultPlan withServerErrorShare(double v) { return new FaultPlan(rateLimitShare, v, latencyMillis, loseOrderResponses, clockOffsetMillis, dropSocketSeconds, duplicateShare, reorderShare, dropShare, bookGapEvery, seed); }

    public FaultPlan withLatencyMillis(long v) { return new FaultPlan(rateLimitShare, serverErrorShare, v, loseOrderResponses, clockOffsetMillis, dropSocketSeconds, duplicateShare, reorderShare, dropShare, bookGapEvery, seed); }

    public FaultPlan withLoseOrderResponses(int v) { return new FaultPlan(rateLimitShare, serverErrorShare, latencyMillis, v, clockOffsetMillis, dropSocketSeconds, duplicateShare, reorderShare, dropShare, bookGapEvery, seed); }

    public FaultPlan withClockOffsetMillis(long v) { return new FaultPlan(rateLimitShare, serverErrorShare, latencyMillis, loseOrderResponses, v, dropSocketSeconds, duplicateShare, reorderShare, dropShare, bookGapEvery, seed); }

    public FaultPlan withDropSocketSeconds(long v) { return new FaultPlan(rateLimitShare, serverErrorShare, latencyMillis, loseOrderResponses, clockOffsetMillis, v, duplicateShare, reorderShare, dropShare, bookGapEvery, seed); }

    public FaultPlan withMessageFaults(double duplicate, double reorder, double drop) { return new FaultPlan(rateLimitShare, serverErrorShare, latencyMillis, loseOrderResponses, clockOffsetMillis, dropSocketSeconds, duplicate, reorder, drop, bookGapEvery, seed); }

    public FaultPlan withBookGapEvery(int v) { return new FaultPlan(rateLimitShare, serverErrorShare, latencyMillis, loseOrderResponses, clockOffsetMillis, dropSocketSeconds, duplicateShare, reorderShare, dropShare, v, seed); }

    public FaultPlan withSeed(long v) { return new FaultPlan(rateLimitShare, serverErrorShare, latencyMillis, loseOrderResponses, clockOffsetMillis, dropSocketSeconds, duplicateShare, reorderShare, dropShare, bookGapEvery, v); }
}
