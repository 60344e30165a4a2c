package io.tatra.live;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-stage latency of every closed bar, in HdrHistograms (1 µs to 60 s, 3 significant digits): from the stream message
 * received to the bar closed, features, model, fusion, risk, order sent and acknowledged. A bar's stages are stamped in
 * order with {@link Trace#mark}; {@link #snapshot} gives p50/p99/p99.9/max per stage and end to end for the status file.
 */
public final class LatencyRecorder {
    /** The stages of one bar, in order. */
    public enum Stage {
        BAR_CLOSED, FEATURES, MODEL, FUSION, RISK,
        /** The order's intent written to the order log; the venue adapter called. */
        ORDER_SENT,
        /** The order's request (JSON, signature, headers) handed to the HTTP client, when the venue can say. */
        REQUEST_OUT,
        ACKNOWLEDGED
    }

    /**
     * How a bar knew the account when it ordered: from the engine's view, from the view after the private stream's fills
     * settled a reached level, or from a venue read started with the bar ({@link AccountView}).
     */
    public enum Account { VIEW, STREAM, READ }

    private final Map<Stage, Histogram> stages = new EnumMap<>(Stage.class);
    private final Map<Account, Histogram> toOrderBy = new EnumMap<>(Account.class);
    private final Histogram toOrder = histogram(), toDecision = histogram(), accountWait = histogram(), toRequestOut = histogram();

    public LatencyRecorder() {
        for (Stage s : Stage.values()) stages.put(s, histogram());
        for (Account a : Account.values()) toOrderBy.put(a, histogram());
    }

    private static final long LOWEST = 1_000L, HIGHEST = 60_000_000_000L;

    static Histogram histogram() { return new Histogram(LOWEST, HIGHEST, 3); }

    /**
     * Records a latency clamped into the histogram's range: a bar that waited longer than 60 s (a backlog caught up
     * after an outage) counts as 60 s. Measuring must never fail the bar it measures.
     */
    static void record(Histogram h, long nanos) { h.recordValue(Math.min(HIGHEST, Math.max(LOWEST, nanos))); }

    /** Starts a bar's trace at the moment its message was received ({@code System.nanoTime()}). */
    public Trace start(long receivedNanos) { return new Trace(receivedNanos); }

    /** One bar's stamps; each stage records the time since the previous stamp. */
    public final class Trace {
        private final long received;
        private long previous;
        private Stage lastStage;
        private Account account = Account.VIEW;

        private Trace(long received) {
            this.received = received;
            this.previous = received;
        }

        /** Stamps a stage at {@code nanos}; stages must come in order, each at most once. */
        public void mark(Stage stage, long nanos) {
            if (lastStage != null && stage.ordinal() <= lastStage.ordinal()) throw new IllegalStateException(stage + " after " + lastStage);
            if (nanos < previous) throw new IllegalStateException("time went back at " + stage);
            synchronized (LatencyRecorder.this) {
                record(stages.get(stage), nanos - previous);
                if (stage == Stage.ORDER_SENT) {
                    record(toOrder, nanos - received);
                    record(toOrderBy.get(account), nanos - received);
                }
                if (stage == Stage.RISK) record(toDecision, nanos - received);
                if (stage == Stage.REQUEST_OUT) record(toRequestOut, nanos - received);
            }
            previous = nanos;
            lastStage = stage;
        }

        /** Says how this bar knew the account (before its order is sent; {@link Account#VIEW} unless told). */
        public void account(Account how) { this.account = how; }

        /** The engine thread waited {@code nanos} for this bar's venue read (counted only for bars that read). */
        public void waitedForAccount(long nanos) {
            synchronized (LatencyRecorder.this) {
                record(accountWait, nanos);
            }
        }
    }

    /**
     * Milliseconds: p50, p99, p99.9, max and the count, per stage, for message received → decision ready to send (every
     * bar, whether it orders or not), for message received → order sent (bars that order), and on to the order's request
     * handed to the HTTP client ({@code received_to_request_out}, venues that can say); order sent is also split by how
     * the bar knew the account ({@code order_sent_after_view|stream|read}); and the time the engine waited for a bar's
     * venue read once it needed it ({@code account_wait}, bars that read only).
     */
    public synchronized Map<String, Map<String, Double>> snapshot() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Map.Entry<Stage, Histogram> e : stages.entrySet()) out.put(e.getKey().name().toLowerCase(), summary(e.getValue()));
        out.put("received_to_decision", summary(toDecision));
        out.put("received_to_order_sent", summary(toOrder));
        out.put("received_to_request_out", summary(toRequestOut));
        for (Map.Entry<Account, Histogram> e : toOrderBy.entrySet()) out.put("order_sent_after_" + e.getKey().name().toLowerCase(), summary(e.getValue()));
        out.put("account_wait", summary(accountWait));
        return out;
    }

    static Map<String, Double> summary(Histogram h) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("count", (double) h.getTotalCount());
        m.put("p50_ms", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1e6);
        m.put("p99_ms", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1e6);
        m.put("p99_9_ms", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99.9) / 1e6);
        m.put("max_ms", h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1e6);
        return m;
    }
}
