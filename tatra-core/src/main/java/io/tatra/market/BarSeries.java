package io.tatra.market;

import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Columnar candles of one symbol and interval: primitive arrays, strictly increasing open times aligned
 * to the interval (gaps allowed). Absent quote volume is NaN, absent trade count is -1.
 *
 * <p>The {@code *Array()} accessors return the internal arrays for fast feature work; callers must not
 * modify them. Build with {@link Builder}, which validates every row.
 */
public final class BarSeries {
    private final Symbol symbol;
    private final Interval interval;
    private final int size;
    private final long[] time;
    private final double[] open, high, low, close, volume, quoteVolume;
    private final long[] trades;

    private BarSeries(Symbol symbol, Interval interval, int size, long[] time, double[] open, double[] high,
                      double[] low, double[] close, double[] volume, double[] quoteVolume, long[] trades) {
        this.symbol = symbol;
        this.interval = interval;
        this.size = size;
        this.time = time;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.quoteVolume = quoteVolume;
        this.trades = trades;
    }

    public Symbol symbol() { return symbol; }
    public Interval interval() { return interval; }
    public int size() { return size; }
    public boolean isEmpty() { return size == 0; }

    public long openTimeMillis(int i) { return time[check(i)]; }
    public Instant openTime(int i) { return Instant.ofEpochMilli(time[check(i)]); }
    public double open(int i) { return open[check(i)]; }
    public double high(int i) { return high[check(i)]; }
    public double low(int i) { return low[check(i)]; }
    public double close(int i) { return close[check(i)]; }
    public double volume(int i) { return volume[check(i)]; }
    /** Quote-asset volume, NaN when the source had none. */
    public double quoteVolume(int i) { return quoteVolume[check(i)]; }
    /** Trade count, -1 when the source had none. */
    public long tradeCount(int i) { return trades[check(i)]; }

    public long[] openTimeArray() { return time; }
    public double[] openArray() { return open; }
    public double[] highArray() { return high; }
    public double[] lowArray() { return low; }
    public double[] closeArray() { return close; }
    public double[] volumeArray() { return volume; }
    public double[] quoteVolumeArray() { return quoteVolume; }
    public long[] tradeCountArray() { return trades; }

    public Bar bar(int i) {
        check(i);
        return new Bar(Instant.ofEpochMilli(time[i]), open[i], high[i], low[i], close[i], volume[i],
                Double.isNaN(quoteVolume[i]) ? OptionalDouble.empty() : OptionalDouble.of(quoteVolume[i]),
                trades[i] < 0 ? OptionalLong.empty() : OptionalLong.of(trades[i]));
    }

    /** Number of missing bars between the first and last bar. */
    public long missingBars() {
        if (size < 2) return 0;
        return (time[size - 1] - time[0]) / interval.millis() + 1 - size;
    }

    /** Index of the first bar with open time >= {@code epochMillis} (size when none). */
    public int lowerBound(long epochMillis) {
        int i = Arrays.binarySearch(time, 0, size, epochMillis);
        return i >= 0 ? i : -i - 1;
    }

    /** Bars with open time in [from, to); null bounds mean unbounded. */
    public BarSeries slice(Instant from, Instant to) {
        int a = from == null ? 0 : lowerBound(from.toEpochMilli());
        int b = to == null ? size : lowerBound(to.toEpochMilli());
        return range(a, Math.max(a, b));
    }

    /** Bars [from, to) by index. */
    public BarSeries range(int from, int to) {
        if (from < 0 || to > size || from > to) throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + size + " bars");
        return new BarSeries(symbol, interval, to - from, Arrays.copyOfRange(time, from, to),
                Arrays.copyOfRange(open, from, to), Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(volume, from, to),
                Arrays.copyOfRange(quoteVolume, from, to), Arrays.copyOfRange(trades, from, to));
    }

    private int check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("bar " + i + " of " + size);
        return i;
    }

    @Override
    public String toString() {
        return "BarSeries[" + symbol + " " + interval + ", " + size + " bars"
                + (size > 0 ? ", " + openTime(0) + " .. " + openTime(size - 1) : "") + "]";
    }

    public static Builder builder(Symbol symbol, Interval interval) { return new Builder(symbol, interval, 1024); }

    public static Builder builder(Symbol symbol, Interval interval, int capacity) { return new Builder(symbol, interval, capacity); }

    /** Appends bars in strictly increasing time order; each row is validated like a {@link Bar}. */
    public static final class Builder {
        private final Symbol symbol;
        private final Interval interval;
        private int n;
        private long[] time;
        private double[] open, high, low, close, volume, quoteVolume;
        private long[] trades;

        private Builder(Symbol symbol, Interval interval, int capacity) {
            if (symbol == null || interval == null) throw new IllegalArgumentException("symbol and interval are required");
            this.symbol = symbol;
            this.interval = interval;
            int c = Math.max(16, capacity);
            time = new long[c];
            open = new double[c];
            high = new double[c];
            low = new double[c];
            close = new double[c];
            volume = new double[c];
            quoteVolume = new double[c];
            trades = new long[c];
        }

        public Builder add(Bar b) {
            return add(b.openTime().toEpochMilli(), b.open(), b.high(), b.low(), b.close(), b.volume(),
                    b.quoteVolume().orElse(Double.NaN), b.tradeCount().orElse(-1));
        }

        public Builder add(long t, double o, double h, double l, double c, double v) {
            return add(t, o, h, l, c, v, Double.NaN, -1);
        }

        /** Adds one row; quoteVolume NaN and trades -1 mean absent. */
        public Builder add(long t, double o, double h, double l, double c, double v, double qv, long tc) {
            String at = symbol + " " + interval + " bar " + Instant.ofEpochMilli(t);
            if (!interval.isAligned(t)) throw new IllegalArgumentException(at + ": open time is not aligned to " + interval);
            if (n > 0 && t <= time[n - 1]) throw new IllegalArgumentException(at + ": open time not after previous bar " + Instant.ofEpochMilli(time[n - 1]));
            if (!(o > 0 && h > 0 && l > 0 && c > 0) || !Double.isFinite(o + h + l + c)) {
                throw new IllegalArgumentException(at + ": prices must be finite and > 0 (open " + o + ", high " + h + ", low " + l + ", close " + c + ")");
            }
            if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(at + ": volume " + v + " must be finite and >= 0");
            if (h < l) throw new IllegalArgumentException(at + ": high " + h + " < low " + l);
            if (o > h || o < l || c > h || c < l) throw new IllegalArgumentException(at + ": open " + o + " or close " + c + " outside [low " + l + ", high " + h + "]");
            if (!Double.isNaN(qv) && (!(qv >= 0) || Double.isInfinite(qv))) throw new IllegalArgumentException(at + ": quote volume " + qv + " must be finite and >= 0");
            if (n == time.length) grow();
            time[n] = t;
            open[n] = o;
            high[n] = h;
            low[n] = l;
            close[n] = c;
            volume[n] = v;
            quoteVolume[n] = qv;
            trades[n] = tc < 0 ? -1 : tc;
            n++;
            return this;
        }

        public int size() { return n; }

        private void grow() {
            int c = time.length * 2;
            time = Arrays.copyOf(time, c);
            open = Arrays.copyOf(open, c);
            high = Arrays.copyOf(high, c);
            low = Arrays.copyOf(low, c);
            close = Arrays.copyOf(close, c);
            volume = Arrays.copyOf(volume, c);
            quoteVolume = Arrays.copyOf(quoteVolume, c);
            trades = Arrays.copyOf(trades, c);
        }

        public BarSeries build() {
            return new BarSeries(symbol, interval, n, Arrays.copyOf(time, n), Arrays.copyOf(open, n),
                    Arrays.copyOf(high, n), Arrays.copyOf(low, n), Arrays.copyOf(close, n), Arrays.copyOf(volume, n),
                    Arrays.copyOf(quoteVolume, n), Arrays.copyOf(trades, n));
        }
    }
}
