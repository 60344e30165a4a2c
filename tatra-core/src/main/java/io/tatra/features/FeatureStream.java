package io.tatra.features;

import io.tatra.market.Bar;
import io.tatra.market.FundingRate;
import io.tatra.market.Interval;
import io.tatra.market.OpenInterest;
import io.tatra.market.OrderBookSnapshot;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Live feature computation for one symbol: exchange events and closed bars arrive one at a time, in time
 * order per kind, and each closed bar yields its row of 64 features, identical to the batch
 * {@link FeatureEngine} row for the same data. Events stamped after a bar's close wait for a later bar.
 */
public final class FeatureStream {
    private final Symbol symbol;
    private final Interval interval;
    private final FeatureConfig config;
    private final FeatureState state;
    private final Pending funding = new Pending("funding rate"), openInterest = new Pending("open interest"), book = new Pending("order book");
    private int runIndex = -1;

    public FeatureStream(Symbol symbol, Interval interval, FeatureConfig config) {
        this.symbol = symbol;
        this.interval = interval;
        this.config = config;
        this.state = new FeatureState(interval);
    }

    public void onFunding(FundingRate f) {
        checkSymbol(f.symbol());
        funding.add(f.time(), f.rate() * 1e4);
    }

    public void onOpenInterest(OpenInterest oi) {
        checkSymbol(oi.symbol());
        openInterest.add(oi.time(), oi.value());
    }

    /** A book snapshot; ignored unless the config reads books ({@link FeatureConfig#books()}), as the batch engine ignores stored ones. */
    public void onBook(OrderBookSnapshot b) {
        checkSymbol(b.symbol());
        if (config.books()) book.add(b.time(), b.imbalance(20));
    }

    /** Consumes one closed bar and returns its feature row (a new array; NaN where not yet warm). */
    public double[] onBar(Bar bar) {
        long open = bar.openTime().toEpochMilli();
        if (!interval.isAligned(open)) throw new IllegalArgumentException(symbol + ": bar at " + bar.openTime() + " is not aligned to " + interval.code());
        long close = open + interval.millis();
        double[] row = new double[Feature.COUNT];
        runIndex = state.step(open, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(),
                funding.asOf(close, config.fundingMaxAge().toMillis()),
                openInterest.asOf(close, config.openInterestMaxAge().toMillis()),
                book.asOf(close, config.bookMaxAge().toMillis()), row);
        return row;
    }

    /** Position of the last bar in its gap-free run (0 = first bar after a gap or the start; -1 before any bar). */
    public int runIndex() { return runIndex; }

    /** Whether the last bar's row is complete (every feature past its warm-up). */
    public boolean ready() { return runIndex >= Feature.maxWarmup(); }

    private void checkSymbol(Symbol s) {
        if (!symbol.equals(s)) throw new IllegalArgumentException("feature stream for " + symbol + " got an event for " + s);
    }

    /** Events not yet applicable, and the latest applied one. */
    private static final class Pending {
        private final String what;
        private final ArrayDeque<long[]> times = new ArrayDeque<>();
        private final ArrayDeque<Double> values = new ArrayDeque<>();
        private long latestTime = Long.MIN_VALUE, lastAdded = Long.MIN_VALUE;
        private double latest = Double.NaN;

        Pending(String what) { this.what = what; }

        void add(Instant time, double value) {
            long t = time.toEpochMilli();
            if (t <= lastAdded) throw new IllegalArgumentException(what + " at " + time + " is not after the previous one");
            lastAdded = t;
            times.addLast(new long[]{t});
            values.addLast(value);
        }

        double asOf(long close, long maxAge) {
            while (!times.isEmpty() && times.peekFirst()[0] <= close) {
                latestTime = times.pollFirst()[0];
                latest = values.pollFirst();
            }
            return latestTime != Long.MIN_VALUE && close - latestTime <= maxAge ? latest : Double.NaN;
        }
    }
}
