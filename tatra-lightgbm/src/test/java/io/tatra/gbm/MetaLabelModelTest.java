package io.tatra.gbm;

import io.tatra.TatraException;
import io.tatra.meta.MetaExample;
import io.tatra.meta.MetaSplit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MetaLabelModelTest {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** Trades whose chance to win rises with feature 1 ("p_up"); feature 2 is noise. {@code signal = false}: labels ignore the features. */
    static List<MetaExample> trades(int n, boolean signal, long seed) {
        Random r = new Random(seed);
        List<MetaExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double pUp = r.nextDouble(), noise = r.nextGaussian();
            double pWin = signal ? 0.2 + 0.6 * pUp : 0.5;
            boolean win = r.nextDouble() < pWin;
            double ret = (win ? 1 : -1) * (0.002 + 0.01 * r.nextDouble());
            double pnl = ret * 10_000 - 6; // costs
            out.add(new MetaExample("d" + i, "BTCUSDT", T0.plusSeconds(3600L * i), T0.plusSeconds(3600L * (i + 3)), r.nextBoolean() ? 1 : -1,
                    win, win, ret, pnl, new double[]{1, pUp, noise}));
        }
        return out;
    }

    static final List<String> NAMES = List.of("side", "decision.p_up", "decision.noise");

    @Test
    void aLearnableWinProbabilityFiltersTheTestTradesForTheBetter() {
        MetaSplit s = MetaSplit.of(trades(3_000, true, 1), 0.2, 0.25, Duration.ofHours(4));
        List<String> log = new ArrayList<>();
        try (MetaLabelModel.Trained t = MetaLabelModel.train(s, NAMES, GbmConfig.defaults(1).withThreads(1), log::add)) {
            MetaLabelModel.Report r = t.report();
            assertTrue(r.testAuc() > 0.65, "AUC " + r.testAuc());
            assertTrue(r.testLogLoss() < r.baseRateLogLoss(), r.testLogLoss() + " vs base rate " + r.baseRateLogLoss());
            assertTrue(r.threshold() > 0, "the validation part chose a real filter: " + r.threshold());
            assertTrue(r.acceptedTest().count() < r.allTest().count() && r.acceptedTest().count() > r.allTest().count() / 10, r.toString());
            assertTrue(r.acceptedTest().netWinRate() > r.allTest().netWinRate() + 0.05, r.acceptedTest() + " vs " + r.allTest());
            assertTrue(r.acceptedTest().meanNetPnl() > r.allTest().meanNetPnl(), r.toString());
            assertEquals("decision.p_up", r.gainImportance().keySet().iterator().next(), "the signal is the top feature: " + r.gainImportance());
            assertTrue(r.returnIc() > 0.1, "return IC " + r.returnIc());
            double[] hi = t.model().predict(new double[]{1, 0.95, 0}), lo = t.model().predict(new double[]{1, 0.05, 0});
            assertTrue(hi[0] > lo[0] + 0.2 && hi[2] > lo[2], java.util.Arrays.toString(hi) + " vs " + java.util.Arrays.toString(lo));
            assertEquals(3, t.model().texts().size());
        }
    }

    @Test
    void labelsUnrelatedToTheFeaturesGiveNoEdge() {
        MetaSplit s = MetaSplit.of(trades(3_000, false, 2), 0.2, 0.25, Duration.ofHours(4));
        try (MetaLabelModel.Trained t = MetaLabelModel.train(s, NAMES, GbmConfig.defaults(1).withThreads(1), line -> {})) {
            assertEquals(0.5, t.report().testAuc(), 0.05, "negative control");
            assertTrue(t.report().testLogLoss() < t.report().baseRateLogLoss() + 0.01, "early stopping keeps it near the base rate");
        }
    }

    @Test
    void tooFewTradesAreRefusedAndFewAreWarnedAbout() {
        MetaSplit tiny = MetaSplit.of(trades(60, true, 3), 0.2, 0.2, Duration.ZERO);
        TatraException e = assertThrows(TatraException.class, () -> MetaLabelModel.train(tiny, NAMES, GbmConfig.defaults(1).withThreads(1), line -> {}));
        assertTrue(e.getMessage().contains("the training part has") && e.getMessage().contains("at least 50"), e.getMessage());
        List<String> log = new ArrayList<>();
        try (MetaLabelModel.Trained t = MetaLabelModel.train(MetaSplit.of(trades(200, true, 4), 0.2, 0.2, Duration.ZERO), NAMES,
                GbmConfig.defaults(1).withThreads(1), log::add)) {
            assertFalse(t.report().warnings().isEmpty());
            assertTrue(log.get(0).contains("fewer than the 500 recommended"), log.toString());
        }
    }
}
