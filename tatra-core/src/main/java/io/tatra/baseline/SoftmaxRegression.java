package io.tatra.baseline;

/**
 * Multinomial logistic regression with an intercept and L2 penalty {@code λ/2·|W|²} (intercepts not
 * penalized), fitted by L-BFGS on the mean log-loss. Inputs are rows of {@code d} features, row-major.
 */
public record SoftmaxRegression(int features, int classes, double[] weights) {
    public SoftmaxRegression {
        if (weights.length != classes * (features + 1))
            throw new IllegalArgumentException("weights: expected " + classes * (features + 1) + ", got " + weights.length);
    }

    public static SoftmaxRegression fit(double[] x, int[] y, int d, int k, double lambda, int maxIter) {
        int n = y.length;
        if (x.length != (long) n * d) throw new IllegalArgumentException("x has " + x.length + " values, expected " + n + " × " + d);
        if (n == 0) throw new IllegalArgumentException("no training rows");
        for (int v : y) if (v < 0 || v >= k) throw new IllegalArgumentException("class " + v + " outside 0.." + (k - 1));
        int w = d + 1;
        Lbfgs.Objective f = (p, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            double[] z = new double[k];
            for (int i = 0; i < n; i++) {
                logits(p, x, i * d, d, k, z);
                double lse = logSumExp(z);
                loss += lse - z[y[i]];
                for (int c = 0; c < k; c++) {
                    double e = Math.exp(z[c] - lse) - (c == y[i] ? 1 : 0);
                    int base = c * w;
                    g[base] += e;
                    for (int j = 0; j < d; j++) g[base + 1 + j] += e * x[i * d + j];
                }
            }
            loss /= n;
            for (int j = 0; j < g.length; j++) g[j] /= n;
            for (int c = 0; c < k; c++)
                for (int j = 1; j <= d; j++) {
                    double v = p[c * w + j];
                    loss += 0.5 * lambda * v * v;
                    g[c * w + j] += lambda * v;
                }
            return loss;
        };
        return new SoftmaxRegression(d, k, Lbfgs.minimize(f, new double[k * w], 10, maxIter, 1e-6));
    }

    /** Class probabilities of {@code n} rows, {@code [n × k]}. */
    public double[] predict(double[] x) {
        int n = x.length / features;
        double[] out = new double[n * classes], z = new double[classes];
        for (int i = 0; i < n; i++) {
            logits(weights, x, i * features, features, classes, z);
            double lse = logSumExp(z);
            for (int c = 0; c < classes; c++) out[i * classes + c] = Math.exp(z[c] - lse);
        }
        return out;
    }

    private static void logits(double[] p, double[] x, int off, int d, int k, double[] z) {
        int w = d + 1;
        for (int c = 0; c < k; c++) {
            double s = p[c * w];
            for (int j = 0; j < d; j++) s += p[c * w + 1 + j] * x[off + j];
            z[c] = s;
        }
    }

    private static double logSumExp(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) m = Math.max(m, v);
        double s = 0;
        for (double v : z) s += Math.exp(v - m);
        return m + Math.log(s);
    }
}
