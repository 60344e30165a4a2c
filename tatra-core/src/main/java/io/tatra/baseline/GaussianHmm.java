package io.tatra.baseline;

import java.util.Arrays;
import java.util.List;

/**
 * A hidden Markov model with diagonal Gaussian emissions, fitted by Baum–Welch (EM with scaled
 * forward–backward) on one or more observation sequences ({@code [T][D]}). {@link #filter} gives the causal
 * state probabilities P(state at t | observations up to t) — never smoothed, so usable as a forecast input.
 */
public record GaussianHmm(double[] initial, double[][] transition, double[][] means, double[][] variances) {
    public GaussianHmm {
        int k = initial.length;
        if (k < 2 || transition.length != k || means.length != k || variances.length != k)
            throw new IllegalArgumentException("HMM: inconsistent state count");
    }

    public int states() { return initial.length; }

    /**
     * Fits {@code k} states. States start at the k quantile groups of the first observation dimension (so
     * the same data gives the same model), with a sticky transition matrix.
     */
    public static GaussianHmm fit(List<double[][]> sequences, int k, int iterations) {
        int d = sequences.get(0)[0].length;
        long total = 0;
        for (double[][] s : sequences) total += s.length;
        if (total < 10L * k) throw new IllegalArgumentException("HMM: " + total + " observations are too few for " + k + " states");
        double[][] all = sequences.stream().flatMap(Arrays::stream).toArray(double[][]::new);
        Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
        double[][] mu = new double[k][d], var = new double[k][d];
        double[] globalVar = new double[d], globalMean = new double[d];
        for (double[] o : all) for (int j = 0; j < d; j++) globalMean[j] += o[j] / all.length;
        for (double[] o : all) for (int j = 0; j < d; j++) globalVar[j] += (o[j] - globalMean[j]) * (o[j] - globalMean[j]) / all.length;
        for (int s = 0; s < k; s++) {
            int from = (int) ((long) all.length * s / k), to = (int) ((long) all.length * (s + 1) / k);
            for (int i = from; i < to; i++) for (int j = 0; j < d; j++) mu[s][j] += all[i][j] / (to - from);
            var[s] = globalVar.clone();
        }
        double[][] a = new double[k][k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) a[i][j] = i == j ? 0.9 : 0.1 / (k - 1);
        double[] pi = new double[k];
        Arrays.fill(pi, 1.0 / k);
        GaussianHmm m = new GaussianHmm(pi, a, mu, var);
        for (int it = 0; it < iterations; it++) m = m.step(sequences, globalVar);
        return m;
    }

    /** One EM step over all sequences. */
    private GaussianHmm step(List<double[][]> sequences, double[] globalVar) {
        int k = states(), d = means[0].length;
        double[] pi = new double[k];
        double[][] xi = new double[k][k], sumO = new double[k][d], sumO2 = new double[k][d];
        double[] occupancy = new double[k];
        for (double[][] obs : sequences) {
            int t = obs.length;
            double[][] e = emissions(obs), alpha = new double[t][], beta = new double[t][k];
            double[] c = new double[t];
            forward(e, alpha, c);
            Arrays.fill(beta[t - 1], 1);
            for (int s = t - 2; s >= 0; s--)
                for (int i = 0; i < k; i++) {
                    double v = 0;
                    for (int j = 0; j < k; j++) v += transition[i][j] * e[s + 1][j] * beta[s + 1][j];
                    beta[s][i] = v / c[s + 1];
                }
            for (int s = 0; s < t; s++) {
                double norm = 0;
                double[] g = new double[k];
                for (int i = 0; i < k; i++) { g[i] = alpha[s][i] * beta[s][i]; norm += g[i]; }
                for (int i = 0; i < k; i++) {
                    double w = g[i] / norm;
                    if (s == 0) pi[i] += w;
                    occupancy[i] += w;
                    for (int j = 0; j < d; j++) { sumO[i][j] += w * obs[s][j]; sumO2[i][j] += w * obs[s][j] * obs[s][j]; }
                }
                if (s + 1 < t) {
                    double z = 0;
                    double[][] x = new double[k][k];
                    for (int i = 0; i < k; i++)
                        for (int j = 0; j < k; j++) { x[i][j] = alpha[s][i] * transition[i][j] * e[s + 1][j] * beta[s + 1][j]; z += x[i][j]; }
                    for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) xi[i][j] += x[i][j] / z;
                }
            }
        }
        double[][] a = new double[k][k], mu = new double[k][d], var = new double[k][d];
        double piSum = Arrays.stream(pi).sum();
        for (int i = 0; i < k; i++) {
            pi[i] /= piSum;
            double row = Arrays.stream(xi[i]).sum();
            for (int j = 0; j < k; j++) a[i][j] = row > 0 ? Math.max(xi[i][j] / row, 1e-8) : 1.0 / k;
            double occ = Math.max(occupancy[i], 1e-12);
            for (int j = 0; j < d; j++) {
                mu[i][j] = sumO[i][j] / occ;
                var[i][j] = Math.max(sumO2[i][j] / occ - mu[i][j] * mu[i][j], 1e-4 * globalVar[j]);
            }
        }
        return new GaussianHmm(pi, a, mu, var);
    }

    /** Filtered state probabilities, {@code [T][K]}: each row conditions only on observations up to it. */
    public double[][] filter(double[][] obs) {
        double[][] alpha = new double[obs.length][];
        forward(emissions(obs), alpha, new double[obs.length]);
        return alpha;
    }

    private void forward(double[][] e, double[][] alpha, double[] c) {
        int k = states();
        for (int s = 0; s < e.length; s++) {
            double[] v = new double[k];
            for (int j = 0; j < k; j++) {
                double p = 0;
                if (s == 0) p = initial[j];
                else for (int i = 0; i < k; i++) p += alpha[s - 1][i] * transition[i][j];
                v[j] = p * e[s][j];
            }
            double sum = 0;
            for (double x : v) sum += x;
            if (!(sum > 0)) { Arrays.fill(v, 1.0 / k); sum = 1; } // an observation no state explains: forget, do not divide by 0
            for (int j = 0; j < k; j++) v[j] /= sum;
            alpha[s] = v;
            c[s] = sum;
        }
    }

    /** Emission likelihoods scaled per step by the best state's (the scale cancels in the normalization). */
    private double[][] emissions(double[][] obs) {
        int k = states();
        double[][] out = new double[obs.length][k];
        for (int s = 0; s < obs.length; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                double l = 0;
                for (int j = 0; j < obs[s].length; j++) {
                    double z = obs[s][j] - means[i][j];
                    l -= 0.5 * (Math.log(variances[i][j]) + z * z / variances[i][j]);
                }
                out[s][i] = l;
                max = Math.max(max, l);
            }
            for (int i = 0; i < k; i++) out[s][i] = Math.exp(out[s][i] - max);
        }
        return out;
    }
}
