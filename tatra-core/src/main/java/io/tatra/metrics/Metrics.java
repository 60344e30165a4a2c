package io.tatra.metrics;

import java.util.Arrays;

/**
 * Forecast metrics. Class probabilities are row-major {@code [n × k]}; labels are class indices 0..k-1.
 * Every metric refuses mismatched lengths and empty input rather than returning a guess.
 */
public final class Metrics {
    /** Probabilities are clipped to [EPS, 1] inside log-loss, so one confident miss costs at most −log(EPS). */
    public static final double EPS = 1e-7;

    private Metrics() {}

    /** Mean negative log-likelihood of the true classes. */
    public static double logLoss(double[] probs, int[] y, int k) {
        check(probs.length, y.length * k);
        double s = 0;
        for (int i = 0; i < y.length; i++) s -= Math.log(Math.max(EPS, probs[i * k + y[i]]));
        return s / y.length;
    }

    /** The most probable class of each row. */
    public static int[] argmax(double[] probs, int k) {
        int n = probs.length / k;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
            out[i] = best;
        }
        return out;
    }

    public static double accuracy(int[] pred, int[] y) {
        check(pred.length, y.length);
        int hit = 0;
        for (int i = 0; i < y.length; i++) if (pred[i] == y[i]) hit++;
        return (double) hit / y.length;
    }

    /** Mean recall over the classes present in {@code y} (chance level = 1/k whatever the class balance). */
    public static double balancedAccuracy(int[] pred, int[] y, int k) {
        check(pred.length, y.length);
        long[] hit = new long[k], count = new long[k];
        for (int i = 0; i < y.length; i++) {
            count[y[i]]++;
            if (pred[i] == y[i]) hit[y[i]]++;
        }
        double s = 0;
        int present = 0;
        for (int c = 0; c < k; c++) if (count[c] > 0) { s += (double) hit[c] / count[c]; present++; }
        return s / present;
    }

    /** Unweighted mean of per-class F1 over the classes present in {@code y} or predicted. */
    public static double macroF1(int[] pred, int[] y, int k) {
        check(pred.length, y.length);
        long[] tp = new long[k], fp = new long[k], fn = new long[k];
        for (int i = 0; i < y.length; i++) {
            if (pred[i] == y[i]) tp[y[i]]++;
            else { fp[pred[i]]++; fn[y[i]]++; }
        }
        double s = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            if (tp[c] + fp[c] + fn[c] == 0) continue;
            classes++;
            s += 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
        }
        return s / classes;
    }

    /**
     * Expected calibration error of the top class: predictions are put in {@code bins} equal-width bins of
     * their top probability; ECE is the sample-weighted mean |accuracy − mean confidence| over the bins.
     */
    public static double ece(double[] probs, int[] y, int k, int bins) {
        check(probs.length, y.length * k);
        double[] conf = new double[bins], acc = new double[bins];
        long[] count = new long[bins];
        int[] pred = argmax(probs, k);
        for (int i = 0; i < y.length; i++) {
            double p = probs[i * k + pred[i]];
            int b = Math.min(bins - 1, (int) (p * bins));
            conf[b] += p;
            acc[b] += pred[i] == y[i] ? 1 : 0;
            count[b]++;
        }
        double e = 0;
        for (int b = 0; b < bins; b++) if (count[b] > 0) e += Math.abs(acc[b] - conf[b]);
        return e / y.length;
    }

    /**
     * QLIKE of variance forecasts, {@code mean(y/v − log(y/v) − 1)} with y the realized and v the forecast
     * variance; 0 for a perfect forecast, robust to noise in y (Patton 2011). Both are floored at 1e-12.
     */
    public static double qlike(double[] forecastVar, double[] realizedVar) {
        check(forecastVar.length, realizedVar.length);
        double s = 0;
        for (int i = 0; i < forecastVar.length; i++) {
            double r = Math.max(realizedVar[i], 1e-12) / Math.max(forecastVar[i], 1e-12);
            s += r - Math.log(r) - 1;
        }
        return s / forecastVar.length;
    }

    /** Out-of-sample R² = 1 − SSE / SST around the mean of the actual values. */
    public static double r2(double[] pred, double[] actual) {
        check(pred.length, actual.length);
        double mean = Arrays.stream(actual).average().orElseThrow();
        double sse = 0, sst = 0;
        for (int i = 0; i < pred.length; i++) {
            sse += (actual[i] - pred[i]) * (actual[i] - pred[i]);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        return 1 - sse / sst;
    }

    /** Pearson correlation; NaN when either side is constant (a constant forecast has no information coefficient). */
    public static double pearson(double[] a, double[] b) {
        check(a.length, b.length);
        double ma = Arrays.stream(a).average().orElseThrow(), mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Spearman rank correlation (Pearson on average ranks, ties shared). */
    public static double spearman(double[] a, double[] b) {
        check(a.length, b.length);
        return pearson(ranks(a), ranks(b));
    }

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random negative (ties count
     * half), by the Mann–Whitney rank sum. NaN when either class is absent.
     */
    public static double auc(double[] score, boolean[] positive) {
        check(score.length, positive.length);
        double[] r = ranks(score);
        long pos = 0;
        double sum = 0;
        for (int i = 0; i < r.length; i++) if (positive[i]) { pos++; sum += r[i]; }
        long neg = r.length - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * Mutual information, in bits, between a feature cut into {@code bins} equal-count bins (ties stay together;
     * NaN values form a bin of their own) and a class label {@code 0..k-1}: the plug-in estimate, biased upwards by
     * about {@code (bins − 1)(k − 1) / (2 n ln 2)} bits, which is reported beside it by callers that rank features.
     */
    public static double mutualInformation(double[] x, int[] y, int k, int bins) {
        check(x.length, y.length);
        if (bins < 2 || k < 2) throw new IllegalArgumentException("bins and classes must be >= 2");
        double[] r = ranks(x);
        int n = x.length;
        int[] bin = new int[n];
        for (int i = 0; i < n; i++) bin[i] = Double.isNaN(x[i]) ? bins : (int) Math.min(bins - 1, Math.floor((r[i] - 1) * bins / n));
        double[][] joint = new double[bins + 1][k];
        double[] px = new double[bins + 1], py = new double[k];
        for (int i = 0; i < n; i++) {
            if (y[i] < 0 || y[i] >= k) throw new IllegalArgumentException("label " + y[i] + " at " + i + " is not a class of " + k);
            joint[bin[i]][y[i]]++;
            px[bin[i]]++;
            py[y[i]]++;
        }
        double mi = 0;
        for (int b = 0; b <= bins; b++)
            for (int c = 0; c < k; c++)
                if (joint[b][c] > 0) mi += joint[b][c] / n * Math.log(joint[b][c] * n / (px[b] * py[c]));
        return mi / Math.log(2);
    }

    /** Share of non-zero actual values whose sign the forecast got right (zero forecasts count as misses). */
    public static double hitRate(double[] pred, double[] actual) {
        check(pred.length, actual.length);
        int n = 0, hit = 0;
        for (int i = 0; i < pred.length; i++) {
            if (actual[i] == 0) continue;
            n++;
            if (pred[i] * actual[i] > 0) hit++;
        }
        return n == 0 ? Double.NaN : (double) hit / n;
    }

    /** Mean Huber loss (δ = 1) of standardized errors {@code (actual − pred) / scale}. */
    public static double huber(double[] pred, double[] actual, double scale) {
        check(pred.length, actual.length);
        double s = 0;
        for (int i = 0; i < pred.length; i++) {
            double e = Math.abs(actual[i] - pred[i]) / scale;
            s += e <= 1 ? 0.5 * e * e : e - 0.5;
        }
        return s / pred.length;
    }

    /** 1-based ranks, ties sharing their average rank. */
    public static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) j++;
            double avg = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) r[idx[m]] = avg;
            i = j + 1;
        }
        return r;
    }

    private static void check(int a, int b) {
        if (a != b) throw new IllegalArgumentException("length mismatch: " + a + " vs " + b);
        if (a == 0) throw new IllegalArgumentException("no samples to score");
    }
}
