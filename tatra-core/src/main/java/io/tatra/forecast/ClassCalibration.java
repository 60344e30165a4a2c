package io.tatra.forecast;

import java.util.Arrays;

/**
 * Post-hoc calibration of a k-class forecast: {@code p' = softmax(temperature · log p + bias)}, fitted by maximum
 * likelihood on data the model was not trained on (the validation part). The temperature rescales confidence (on its
 * own it keeps the order of the classes within each forecast); the biases move the forecasts' average towards the
 * classes' observed frequencies.
 * With temperature 0 it is the constant forecast {@code softmax(bias)}, so a fitted calibration is never worse on
 * its fitting data than the class prior or the uncalibrated model (both are points of the family). Guo et al.
 * (2017) call this vector scaling with a shared temperature.
 *
 * @param temperature ≥ 0
 * @param bias        one per class, summing to 0
 */
public record ClassCalibration(double temperature, double[] bias) {
    /** Probabilities are floored here before the logarithm. */
    static final double FLOOR = 1e-12;

    public ClassCalibration {
        if (!(temperature >= 0 && Double.isFinite(temperature))) throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        if (bias == null || bias.length < 2) throw new IllegalArgumentException("a calibration needs a bias for each of at least 2 classes");
        bias = bias.clone();
        for (double b : bias) if (!Double.isFinite(b)) throw new IllegalArgumentException("calibration bias must be finite, got " + Arrays.toString(bias));
    }

    /** The identity for {@code k} classes. */
    public static ClassCalibration identity(int k) { return new ClassCalibration(1, new double[k]); }

    @Override public double[] bias() { return bias.clone(); }

    public int classes() { return bias.length; }

    /** One forecast's calibrated probabilities. */
    public double[] apply(double[] p) {
        if (p.length != bias.length) throw new IllegalArgumentException("calibration for " + bias.length + " classes, forecast has " + p.length);
        double[] z = new double[p.length];
        for (int c = 0; c < p.length; c++) z[c] = temperature * Math.log(Math.max(p[c], FLOOR)) + bias[c];
        softmaxInPlace(z);
        return z;
    }

    /** Every row of {@code [n × k]} probabilities, calibrated, in a new array. */
    public double[] applyRows(double[] probs) {
        int k = bias.length;
        if (probs.length % k != 0) throw new IllegalArgumentException(probs.length + " probabilities are not rows of " + k);
        double[] out = new double[probs.length];
        for (int i = 0; i < probs.length; i += k) System.arraycopy(apply(Arrays.copyOfRange(probs, i, i + k)), 0, out, i, k);
        return out;
    }

    /** Row-wise softmax of {@code [n × k]} logits (a model's raw class outputs) into probabilities. */
    public static double[] softmaxRows(float[] logits, int k) {
        if (k < 1 || logits.length % k != 0) throw new IllegalArgumentException(logits.length + " logits are not rows of " + k);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i += k) {
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (int c = 0; c < k; c++) max = Math.max(max, logits[i + c]);
            for (int c = 0; c < k; c++) z += out[i + c] = Math.exp(logits[i + c] - max);
            for (int c = 0; c < k; c++) out[i + c] /= z;
        }
        return out;
    }

    /** Mean log-loss of {@code [n × k]} probabilities against class indices, floored like {@link #apply}. */
    public static double logLoss(double[] probs, int[] y, int k) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s -= Math.log(Math.max(probs[i * k + y[i]], FLOOR));
        return s / y.length;
    }

    /**
     * The maximum-likelihood calibration of {@code [n × k]} probabilities against class indices {@code y}:
     * projected Newton on (temperature, biases), convex in both, with a backtracking line search; a tiny ridge on
     * the biases fixes their common level. Deterministic; a few dozen iterations at most.
     */
    public static ClassCalibration fit(double[] probs, int[] y, int k) {
        if (k < 2) throw new IllegalArgumentException("calibration needs at least 2 classes, got " + k);
        if (y.length == 0) throw new IllegalArgumentException("calibration needs at least one labelled forecast");
        if (probs.length != (long) y.length * k) throw new IllegalArgumentException(probs.length + " probabilities for " + y.length + " labels of " + k + " classes");
        double[] logp = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            if (!(probs[i] >= 0 && probs[i] <= 1 + 1e-9)) throw new IllegalArgumentException("probability " + probs[i] + " at row " + i / k + " is not in [0, 1]");
            logp[i] = Math.log(Math.max(probs[i], FLOOR));
        }
        for (int i = 0; i < y.length; i++)
            if (y[i] < 0 || y[i] >= k) throw new IllegalArgumentException("label " + y[i] + " at row " + i + " is not a class of " + k);
        double[] theta = new double[k + 1];
        theta[0] = 1;
        double loss = objective(logp, y, k, theta);
        for (int iter = 0; iter < 100; iter++) {
            double[] g = new double[k + 1];
            double[][] h = new double[k + 1][k + 1];
            derivatives(logp, y, k, theta, g, h);
            double[] step = solve(h, g);
            double t = 1, next = Double.POSITIVE_INFINITY;
            double[] cand = theta;
            for (int ls = 0; ls < 40; ls++, t /= 2) {
                cand = theta.clone();
                for (int j = 0; j <= k; j++) cand[j] -= t * step[j];
                cand[0] = Math.max(0, cand[0]);
                next = objective(logp, y, k, cand);
                if (next <= loss) break;
            }
            if (!(next <= loss)) break;
            double gain = loss - next;
            theta = cand;
            loss = next;
            if (gain < 1e-12) break;
        }
        double[] bias = Arrays.copyOfRange(theta, 1, k + 1);
        double mean = Arrays.stream(bias).average().orElse(0);
        for (int c = 0; c < k; c++) bias[c] -= mean;
        return new ClassCalibration(theta[0], bias);
    }

    private static final double RIDGE = 1e-8;

    private static double objective(double[] logp, int[] y, int k, double[] theta) {
        double s = 0;
        double[] z = new double[k];
        for (int i = 0; i < y.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) max = Math.max(max, z[c] = theta[0] * logp[i * k + c] + theta[c + 1]);
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.exp(z[c] - max);
            s += max + Math.log(sum) - z[y[i]];
        }
        double r = 0;
        for (int c = 1; c <= k; c++) r += theta[c] * theta[c];
        return s / y.length + RIDGE * r;
    }

    /** Gradient and Hessian of the mean negative log-likelihood (plus ridge) in (temperature, biases). */
    private static void derivatives(double[] logp, int[] y, int k, double[] theta, double[] g, double[][] h) {
        double[] q = new double[k];
        int n = y.length;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) q[c] = theta[0] * logp[i * k + c] + theta[c + 1];
            softmaxInPlace(q);
            double meanL = 0;
            for (int c = 0; c < k; c++) meanL += q[c] * logp[i * k + c];
            g[0] += meanL - logp[i * k + y[i]];
            for (int c = 0; c < k; c++) g[c + 1] += q[c] - (c == y[i] ? 1 : 0);
            double varL = 0;
            for (int c = 0; c < k; c++) varL += q[c] * (logp[i * k + c] - meanL) * (logp[i * k + c] - meanL);
            h[0][0] += varL;
            for (int c = 0; c < k; c++) {
                double cross = q[c] * (logp[i * k + c] - meanL);
                h[0][c + 1] += cross;
                h[c + 1][0] += cross;
                for (int d = 0; d < k; d++) h[c + 1][d + 1] += (c == d ? q[c] : 0) - q[c] * q[d];
            }
        }
        for (int a = 0; a <= k; a++) {
            g[a] /= n;
            for (int b = 0; b <= k; b++) h[a][b] /= n;
        }
        for (int c = 1; c <= k; c++) {
            g[c] += 2 * RIDGE * theta[c];
            h[c][c] += 2 * RIDGE;
        }
        h[0][0] += 1e-12;
    }

    /** Solves {@code h · x = g} by Gaussian elimination with partial pivoting (h is small and positive definite). */
    static double[] solve(double[][] h, double[] g) {
        int m = g.length;
        double[][] a = new double[m][m + 1];
        for (int i = 0; i < m; i++) {
            System.arraycopy(h[i], 0, a[i], 0, m);
            a[i][m] = g[i];
        }
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            double[] tmp = a[col]; a[col] = a[piv]; a[piv] = tmp;
            if (Math.abs(a[col][col]) < 1e-300) continue;
            for (int r = col + 1; r < m; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c <= m; c++) a[r][c] -= f * a[col][c];
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = a[r][m];
            for (int c = r + 1; c < m; c++) s -= a[r][c] * x[c];
            x[r] = Math.abs(a[r][r]) < 1e-300 ? 0 : s / a[r][r];
        }
        return x;
    }

    private static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : z) max = Math.max(max, v);
        for (int c = 0; c < z.length; c++) sum += z[c] = Math.exp(z[c] - max);
        for (int c = 0; c < z.length; c++) z[c] /= sum;
    }

    @Override public boolean equals(Object o) {
        return o instanceof ClassCalibration c && Double.compare(c.temperature, temperature) == 0 && Arrays.equals(c.bias, bias);
    }

    @Override public int hashCode() { return 31 * Double.hashCode(temperature) + Arrays.hashCode(bias); }

    @Override public String toString() { return "ClassCalibration[temperature=" + temperature + ", bias=" + Arrays.toString(bias) + "]"; }
}
