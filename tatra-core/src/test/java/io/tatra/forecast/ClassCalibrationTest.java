package io.tatra.forecast;

import io.tatra.metrics.Metrics;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassCalibrationTest {
    /** Labels drawn from true 3-class probabilities; the forecasts are those probabilities sharpened by {@code power}. */
    record Draw(double[] forecast, int[] y, double[] truth) {}

    static Draw draw(int n, double power, long seed) {
        Random r = new Random(seed);
        double[] f = new double[n * 3], truth = new double[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] logit = {r.nextGaussian(), r.nextGaussian() + 0.3, r.nextGaussian() - 0.3};
            double[] p = softmax(logit, 1), q = softmax(logit, power);
            System.arraycopy(p, 0, truth, i * 3, 3);
            System.arraycopy(q, 0, f, i * 3, 3);
            double u = r.nextDouble();
            y[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }
        return new Draw(f, y, truth);
    }

    static double[] softmax(double[] z, double t) {
        double s = 0;
        double[] out = new double[z.length];
        for (int c = 0; c < z.length; c++) s += out[c] = Math.exp(t * z[c]);
        for (int c = 0; c < z.length; c++) out[c] /= s;
        return out;
    }

    @Test
    void overconfidentForecastsAreCooledAndLoseLossAndCalibrationError() {
        Draw d = draw(20_000, 3, 1);
        ClassCalibration c = ClassCalibration.fit(d.forecast(), d.y(), 3);
        assertEquals(1 / 3.0, c.temperature(), 0.03, "sharpened by 3 → cooled by about 1/3");
        double[] cal = c.applyRows(d.forecast());
        double before = ClassCalibration.logLoss(d.forecast(), d.y(), 3), after = ClassCalibration.logLoss(cal, d.y(), 3);
        double truth = ClassCalibration.logLoss(d.truth(), d.y(), 3);
        assertTrue(after < before - 0.05, "log-loss " + before + " → " + after);
        assertEquals(truth, after, 0.002, "calibrated loss reaches the true probabilities' loss");
        assertTrue(Metrics.ece(cal, d.y(), 3, 10) < 0.02, "ECE after " + Metrics.ece(cal, d.y(), 3, 10));
        assertTrue(Metrics.ece(d.forecast(), d.y(), 3, 10) > 0.1, "ECE before " + Metrics.ece(d.forecast(), d.y(), 3, 10));
    }

    @Test
    void wellCalibratedForecastsAreLeftAlmostAsTheyAre() {
        Draw d = draw(50_000, 1, 2);
        ClassCalibration c = ClassCalibration.fit(d.forecast(), d.y(), 3);
        assertEquals(1, c.temperature(), 0.05);
        for (double b : c.bias()) assertEquals(0, b, 0.05);
    }

    @Test
    void forecastsUnrelatedToTheLabelsBecomeTheClassFrequencies() {
        Random r = new Random(3);
        int n = 30_000;
        double[] f = new double[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(softmax(new double[]{2 * r.nextGaussian(), 2 * r.nextGaussian(), 2 * r.nextGaussian()}, 1), 0, f, i * 3, 3);
            double u = r.nextDouble();
            y[i] = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
        }
        ClassCalibration c = ClassCalibration.fit(f, y, 3);
        assertTrue(c.temperature() < 0.02, "no information → temperature near 0, got " + c.temperature());
        double[] p = c.apply(new double[]{0.9, 0.05, 0.05});
        assertArrayEquals(new double[]{0.5, 0.3, 0.2}, p, 0.02);
    }

    /** The fitted calibration is never worse on its fitting data than the forecasts as they are or than the class prior. */
    @Property(tries = 40)
    void neverWorseThanIdentityOrPriorOnItsFittingData(@ForAll @IntRange(min = 1, max = 1_000_000) int seed,
                                                       @ForAll @IntRange(min = 2, max = 5) int k) {
        Random r = new Random(seed);
        int n = 50 + r.nextInt(400);
        double[] f = new double[n * k];
        int[] y = new int[n];
        int[] counts = new int[k];
        double sharp = 0.1 + 4 * r.nextDouble();
        for (int i = 0; i < n; i++) {
            double[] z = new double[k];
            for (int c = 0; c < k; c++) z[c] = r.nextGaussian();
            System.arraycopy(softmax(z, sharp), 0, f, i * k, k);
            y[i] = r.nextDouble() < 0.5 ? argmax(z) : r.nextInt(k);
            counts[y[i]]++;
        }
        double[] cal = ClassCalibration.fit(f, y, k).applyRows(f);
        double after = ClassCalibration.logLoss(cal, y, k), before = ClassCalibration.logLoss(f, y, k);
        double prior = 0;
        for (int c = 0; c < k; c++) if (counts[c] > 0) prior -= counts[c] * Math.log((double) counts[c] / n);
        prior /= n;
        assertTrue(after <= before + 1e-9, "calibrated " + after + " worse than as-is " + before);
        assertTrue(after <= prior + 1e-4, "calibrated " + after + " worse than the prior " + prior);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < k; c++) s += cal[i * k + c];
            assertEquals(1, s, 1e-9);
        }
    }

    static int argmax(double[] z) {
        int b = 0;
        for (int c = 1; c < z.length; c++) if (z[c] > z[b]) b = c;
        return b;
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> ClassCalibration.fit(new double[]{0.5, 0.5}, new int[]{2}, 2));
        assertThrows(IllegalArgumentException.class, () -> ClassCalibration.fit(new double[]{0.5, 0.5, 0.1}, new int[]{0}, 2));
        assertThrows(IllegalArgumentException.class, () -> ClassCalibration.fit(new double[]{1.5, -0.5}, new int[]{0}, 2));
        assertThrows(IllegalArgumentException.class, () -> new ClassCalibration(-1, new double[]{0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new ClassCalibration(1, new double[]{0, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> ClassCalibration.identity(3).apply(new double[]{0.5, 0.5}));
        assertArrayEquals(new double[]{0.2, 0.3, 0.5}, ClassCalibration.identity(3).apply(new double[]{0.2, 0.3, 0.5}), 1e-12);
    }
}
