package io.tatra.gbm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class GbmTrainerTest {
    /** {@code n} rows of {@code f} Gaussian features; the 3-class label is the tercile of x0 + 0.5·x1 plus noise. */
    static GbmTrainer.Data classes(int n, int f, double noise, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * f];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) x[i * f + j] = r.nextGaussian();
            if (i % 17 == 0) x[i * f + 2] = Double.NaN; // missing values are allowed
            double s = x[i * f] + 0.5 * x[i * f + 1] + noise * r.nextGaussian();
            y[i] = s < -0.5 ? 0 : s > 0.5 ? 2 : 1;
        }
        return new GbmTrainer.Data(x, n, f, y);
    }

    static GbmConfig quick(long seed) { return GbmConfig.defaults(seed).withRounds(300, 20).withThreads(1); }

    @Test
    void multiclassBatchPredictionGivesEveryRowAllClassProbabilitiesAndLearnsTheSignal() {
        GbmTrainer.Data tr = classes(6_000, 8, 0.3, 1), va = classes(2_000, 8, 0.3, 2), te = classes(3_000, 8, 0.3, 3);
        try (GbmTrainer.Result r = GbmTrainer.train(tr, va, GbmObjective.MULTICLASS, 3, quick(1), null, null)) {
            assertEquals(3, r.model().outputs());
            double[] p = r.model().predict(te.x(), te.rows());
            assertEquals(te.rows() * 3, p.length, "rows × classes");
            int correct = 0;
            for (int i = 0; i < te.rows(); i++) {
                assertEquals(1, p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2], 1e-9);
                int best = 0;
                for (int c = 1; c < 3; c++) if (p[i * 3 + c] > p[i * 3 + best]) best = c;
                if (best == (int) te.y()[i]) correct++;
            }
            assertTrue(correct > 0.7 * te.rows(), "accuracy " + (double) correct / te.rows());
        }
    }

    @Test
    void earlyStoppingKeepsTheBestRoundOnly() {
        // pure noise: validation loss is best after few rounds and the model keeps exactly those rounds
        GbmTrainer.Data tr = classes(3_000, 6, 50, 4), va = classes(1_500, 6, 50, 5);
        try (GbmTrainer.Result r = GbmTrainer.train(tr, va, GbmObjective.MULTICLASS, 3, quick(1), null, null)) {
            double min = java.util.Arrays.stream(r.curve()).min().orElseThrow();
            assertEquals(min, r.bestValidation(), 0);
            assertEquals(min, r.curve()[r.bestRound() - 1], 0);
            assertTrue(r.curve().length < 300, "stopped early: " + r.curve().length + " rounds");
            assertEquals(r.bestRound() + 20, r.curve().length, "patience 20 after the best round");
            assertEquals(r.bestRound(), r.model().iterations(), "later rounds are dropped from the model");
            // the kept model's validation log-loss is the best round's, computed independently
            double[] p = r.model().predict(va.x(), va.rows());
            double ll = 0;
            for (int i = 0; i < va.rows(); i++) ll -= Math.log(p[i * 3 + (int) va.y()[i]]);
            assertEquals(r.bestValidation(), ll / va.rows(), 1e-6);
        }
    }

    @Test
    void theSameDataAndSeedGiveIdenticalPredictions() {
        GbmTrainer.Data tr = classes(3_000, 6, 0.5, 6), va = classes(1_000, 6, 0.5, 7);
        double[] a, b, c;
        try (GbmTrainer.Result r = GbmTrainer.train(tr, va, GbmObjective.MULTICLASS, 3, quick(11).withThreads(2), null, null)) { a = r.model().predict(va.x(), va.rows()); }
        try (GbmTrainer.Result r = GbmTrainer.train(tr, va, GbmObjective.MULTICLASS, 3, quick(11).withThreads(2), null, null)) { b = r.model().predict(va.x(), va.rows()); }
        try (GbmTrainer.Result r = GbmTrainer.train(tr, va, GbmObjective.MULTICLASS, 3, quick(12).withThreads(2), null, null)) { c = r.model().predict(va.x(), va.rows()); }
        assertArrayEquals(a, b, 0, "bit-identical with the same seed");
        assertFalse(java.util.Arrays.equals(a, c), "another seed subsamples other rows and features");
    }

    @Test
    void shapContributionsSumToTheRawScoreOfEveryClass() {
        GbmTrainer.Data tr = classes(3_000, 5, 0.5, 8), va = classes(1_000, 5, 0.5, 9);
        try (GbmTrainer.Result r = GbmTrainer.train(tr, va, GbmObjective.MULTICLASS, 3, quick(1), List.of("a", "b", "c d", "e", "f"), null)) {
            int n = 50, f = 5;
            double[] x = java.util.Arrays.copyOf(va.x(), n * f);
            double[] raw = r.model().predictRaw(x, n), contrib = r.model().contributions(x, n);
            assertEquals(n * 3 * (f + 1), contrib.length);
            for (int i = 0; i < n; i++)
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int j = 0; j <= f; j++) s += contrib[(i * 3 + c) * (f + 1) + j];
                    assertEquals(raw[i * 3 + c], s, 1e-6, "row " + i + " class " + c);
                }
            double[] gain = r.model().importance(true), splits = r.model().importance(false);
            assertEquals(f, gain.length);
            assertTrue(gain[0] > gain[3] && gain[0] > gain[4], "x0 carries the signal: " + java.util.Arrays.toString(gain));
            assertTrue(splits[0] > 0);
        }
    }

    @Test
    void gammaRegressionForecastsAPositiveVarianceThatTracksTheTruth() {
        Random rnd = new Random(10);
        int n = 8_000, f = 3;
        double[] x = new double[n * f];
        float[] y = new float[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) x[i * f + j] = rnd.nextGaussian();
            truth[i] = Math.exp(x[i * f]);                 // the variance depends on x0
            double e = rnd.nextGaussian();
            y[i] = (float) Math.max(truth[i] * e * e, 1e-12); // a squared return: noisy, positive
        }
        GbmTrainer.Data all = new GbmTrainer.Data(x, n, f, y);
        GbmTrainer.Data tr = slice(all, 0, 6_000), va = slice(all, 6_000, n);
        try (GbmTrainer.Result r = GbmTrainer.train(tr, va, GbmObjective.GAMMA, 1, quick(1), null, null)) {
            double[] p = r.model().predict(va.x(), va.rows());
            double sxy = 0, sxx = 0, syy = 0, mx = 0, my = 0;
            for (int i = 0; i < p.length; i++) { assertTrue(p[i] > 0); mx += Math.log(p[i]); my += Math.log(truth[6_000 + i]); }
            mx /= p.length; my /= p.length;
            for (int i = 0; i < p.length; i++) {
                double a = Math.log(p[i]) - mx, b = Math.log(truth[6_000 + i]) - my;
                sxy += a * b; sxx += a * a; syy += b * b;
            }
            assertTrue(sxy / Math.sqrt(sxx * syy) > 0.9, "log forecast vs log true variance correlation " + sxy / Math.sqrt(sxx * syy));
        }
    }

    static GbmTrainer.Data slice(GbmTrainer.Data d, int from, int to) {
        return new GbmTrainer.Data(java.util.Arrays.copyOfRange(d.x(), from * d.features(), to * d.features()), to - from, d.features(),
                java.util.Arrays.copyOfRange(d.y(), from, to));
    }

    @Test
    void badLabelsAndShapesAreRefusedWithTheRow() {
        GbmTrainer.Data tr = classes(500, 3, 0.5, 1);
        float[] bad = tr.y().clone();
        bad[7] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GbmTrainer.train(new GbmTrainer.Data(tr.x(), 500, 3, bad), tr,
                GbmObjective.MULTICLASS, 3, quick(1), null, null));
        assertTrue(e.getMessage().contains("row 7") && e.getMessage().contains("3 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GbmTrainer.Data(new double[5], 2, 3, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> GbmTrainer.train(tr, tr, GbmObjective.GAMMA, 1, quick(1), null, null), "gamma needs positive labels");
        try (GbmTrainer.Result r = GbmTrainer.train(tr, tr, GbmObjective.MULTICLASS, 3, quick(1).withRounds(5, 5), null, null)) {
            assertThrows(IllegalArgumentException.class, () -> r.model().predict(new double[4], 2), "rows of the wrong width");
            GbmModel copy = GbmModel.fromText(r.model().text());
            assertArrayEquals(r.model().predict(java.util.Arrays.copyOf(tr.x(), 30), 10), copy.predict(java.util.Arrays.copyOf(tr.x(), 30), 10), 0, "text round trip");
            copy.close();
            assertThrows(IllegalStateException.class, () -> copy.predict(new double[3], 1), "closed");
        }
    }

    /** Two processes must not share the extracted library: one rewriting it crashed the other (SIGSEGV) before this. */
    @Test
    void theNativeLibraryIsMappedFromThisProcesssOwnCopy() throws Exception {
        String tmp = System.getProperty("java.io.tmpdir");
        Native.load();
        assertEquals(tmp, System.getProperty("java.io.tmpdir"), "the temporary directory setting is restored");
        java.nio.file.Path maps = java.nio.file.Path.of("/proc/self/maps");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(maps), "Linux only");
        List<String> lightgbm = java.nio.file.Files.readAllLines(maps).stream().filter(l -> l.contains("lib_lightgbm")).toList();
        assertFalse(lightgbm.isEmpty(), "the library is mapped");
        for (String l : lightgbm) assertTrue(l.contains("/tatra-lightgbm-"), "mapped from a private copy: " + l);
    }
}
