package io.tatra.baseline;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BaselineModelsTest {
    @Test
    void garchRecoversItsParametersFromSimulatedReturns() {
        Random rnd = new Random(7);
        double a = 0.08, b = 0.9, var = 1e-4, omega = var * (1 - a - b);
        double[] r = new double[30_000];
        double h = var;
        for (int t = 0; t < r.length; t++) {
            r[t] = Math.sqrt(h) * rnd.nextGaussian();
            h = omega + a * r[t] * r[t] + b * h;
        }
        Garch11 g = Garch11.fit(List.of(r));
        assertEquals(a, g.alpha(), 0.02, g.toString());
        assertEquals(b, g.beta(), 0.03, g.toString());
        // forecasts: the first decays toward the unconditional variance over a long horizon
        double hi = 4 * g.unconditionalVariance();
        assertTrue(g.meanVariance(hi, 1) > g.meanVariance(hi, 50));
        assertEquals(hi, g.meanVariance(hi, 1), 1e-15);
        double[] next = g.nextVariances(new double[]{0, 0.05});
        assertTrue(next[1] > next[0], "a large return raises the next variance");
        assertThrows(IllegalArgumentException.class, () -> new Garch11(1e-6, 0.5, 0.6));
    }

    @Test
    void harRecoversLinearCoefficientsInLogs() {
        Random rnd = new Random(3);
        int n = 5000;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{1, rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            y[i] = Math.exp(-9 + 0.3 * x[i][1] + 0.4 * x[i][2] + 0.2 * x[i][3] + 0.1 * rnd.nextGaussian());
        }
        HarRv m = HarRv.fit(new int[]{1, 24, 168}, x, y);
        assertArrayEquals(new double[]{-9, 0.3, 0.4, 0.2}, m.coefficients(), 0.01);
        assertEquals(0.01, m.residualVariance(), 0.002);
        assertArrayEquals(new int[]{1, 24, 168}, HarRv.windows(3_600_000));
        assertArrayEquals(new int[]{1, 5, 22}, HarRv.windows(86_400_000));
        double[] cum = HarRv.cumulativeSquares(new double[]{1, Math.E, 1});
        assertArrayEquals(new double[]{0, 1, 2}, cum, 1e-12);
    }

    @Test
    void softmaxRegressionLearnsAKnownLinearRule() {
        Random rnd = new Random(11);
        int n = 4000, d = 3;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) x[i * d + j] = rnd.nextGaussian();
            double s = 2 * x[i * d] - x[i * d + 1] + 0.3 * rnd.nextGaussian();
            y[i] = s > 1 ? 2 : s < -1 ? 0 : 1;
        }
        SoftmaxRegression m = SoftmaxRegression.fit(x, y, d, 3, 1e-4, 200);
        double[] p = m.predict(x);
        int hit = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(1, p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2], 1e-9);
            int best = p[i * 3 + 2] > p[i * 3 + 1] ? (p[i * 3 + 2] > p[i * 3] ? 2 : 0) : (p[i * 3 + 1] > p[i * 3] ? 1 : 0);
            if (best == y[i]) hit++;
        }
        assertTrue(hit > 0.9 * n, hit + " of " + n);
        assertThrows(IllegalArgumentException.class, () -> SoftmaxRegression.fit(x, new int[n], d + 1, 3, 1e-4, 10));
    }

    @Test
    void hmmFindsTwoRegimesAndItsFilterIsCausal() {
        Random rnd = new Random(5);
        int n = 4000;
        double[][] obs = new double[n][1];
        int[] state = new int[n];
        int s = 0;
        for (int t = 0; t < n; t++) {
            if (rnd.nextDouble() < 0.02) s = 1 - s;
            state[t] = s;
            obs[t][0] = (s == 0 ? -1 : 1) + 0.5 * rnd.nextGaussian();
        }
        GaussianHmm m = GaussianHmm.fit(List.<double[][]>of(obs), 2, 30);
        double[][] f = m.filter(obs);
        int hit = 0;
        int high = m.means()[0][0] > m.means()[1][0] ? 0 : 1;
        for (int t = 0; t < n; t++) if ((f[t][high] > 0.5 ? 1 : 0) == state[t]) hit++;
        assertTrue(hit > 0.95 * n, hit + " of " + n);
        assertTrue(m.transition()[0][0] > 0.9 && m.transition()[1][1] > 0.9, "sticky states");
        // changing the future leaves earlier filtered probabilities unchanged
        double[][] changed = new double[n][];
        for (int t = 0; t < n; t++) { changed[t] = obs[t].clone(); if (t >= 2000) changed[t][0] = 5; }
        double[][] g = m.filter(changed);
        for (int t = 0; t < 2000; t++) assertArrayEquals(f[t], g[t], 0);
    }
}
