package io.tatra.ingest;

import java.util.Arrays;

/**
 * Rows as read from a file, before validation: columnar, in file order, each with its 1-based source
 * line. Quote volume NaN and trade count -1 mean absent. {@code precision} is the most decimal places
 * seen in the row's prices (used to prefer the more precise of two conflicting duplicates);
 * {@code unit} is the epoch unit ordinal (-1 for text timestamps).
 */
final class RawBars {
    int n;
    long[] line = new long[1024];
    long[] time = new long[1024];
    double[] open = new double[1024], high = new double[1024], low = new double[1024], close = new double[1024];
    double[] volume = new double[1024], quoteVolume = new double[1024];
    long[] trades = new long[1024];
    byte[] precision = new byte[1024];
    byte[] unit = new byte[1024];

    void add(long ln, long t, double o, double h, double l, double c, double v, double qv, long tc, int prec, int u) {
        if (n == time.length) grow();
        line[n] = ln;
        time[n] = t;
        open[n] = o;
        high[n] = h;
        low[n] = l;
        close[n] = c;
        volume[n] = v;
        quoteVolume[n] = qv;
        trades[n] = tc;
        precision[n] = (byte) Math.min(prec, 127);
        unit[n] = (byte) u;
        n++;
    }

    private void grow() {
        int c = time.length * 2;
        line = Arrays.copyOf(line, c);
        time = Arrays.copyOf(time, c);
        open = Arrays.copyOf(open, c);
        high = Arrays.copyOf(high, c);
        low = Arrays.copyOf(low, c);
        close = Arrays.copyOf(close, c);
        volume = Arrays.copyOf(volume, c);
        quoteVolume = Arrays.copyOf(quoteVolume, c);
        trades = Arrays.copyOf(trades, c);
        precision = Arrays.copyOf(precision, c);
        unit = Arrays.copyOf(unit, c);
    }

    /** True when rows i and j carry exactly the same values. */
    boolean sameValues(int i, int j) {
        return open[i] == open[j] && high[i] == high[j] && low[i] == low[j] && close[i] == close[j]
                && volume[i] == volume[j]
                && (quoteVolume[i] == quoteVolume[j] || (Double.isNaN(quoteVolume[i]) && Double.isNaN(quoteVolume[j])))
                && trades[i] == trades[j];
    }

    /** True when rows i and j differ only by rounding to the coarser row's decimal places (prices only). */
    boolean sameUpToRounding(int i, int j) {
        int p = Math.min(precision[i], precision[j]);
        double tol = 0.5 * Math.pow(10, -p) + 1e-12;
        return Math.abs(open[i] - open[j]) <= tol && Math.abs(high[i] - high[j]) <= tol
                && Math.abs(low[i] - low[j]) <= tol && Math.abs(close[i] - close[j]) <= tol;
    }

    String describe(int i) {
        return "o=" + open[i] + " h=" + high[i] + " l=" + low[i] + " c=" + close[i] + " v=" + volume[i];
    }
}
