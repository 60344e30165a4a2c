package io.tatra.decision.ensemble;

import io.tatra.TatraException;
import io.tatra.decision.Action;
import io.tatra.decision.SkipReason;
import io.tatra.decision.TradeDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Each rule of the ensemble fires on a case crafted for it, and the config file is validated field by field. */
class EnsembleTest {
    final Ensemble ens = new Ensemble(EnsembleConfig.defaults());

    static Vote lstm(int side, double c) { return Vote.of("lstm", side, c); }

    static Vote gbm(int side, double p) { return Vote.of("lightgbm", side, p); }

    static Vote ppo(int side, double c, double risk, double size) { return new Vote("ppo", side, c, risk, size); }

    TradeDecision decide(Vote t, Vote w, Vote s, Vote... others) { return ens.decide(t, w, s, List.of(others), 0.02, 0.03); }

    @Test
    void allAgreeAboveTheFullLevelTradesTheSizersWholeSize() {
        TradeDecision d = decide(lstm(1, 0.90), gbm(1, 0.80), ppo(1, 0.80, 0.2, 0.6));
        assertEquals(Action.LONG, d.action());
        assertEquals(0.6, d.size(), 1e-12, "PPO sizes");
        assertEquals((0.9 + 0.8 + 0.8) / 3, d.confidence(), 1e-12);
        assertTrue(d.reasoning().startsWith("Rule ALL_AGREE_FULL") && d.reasoning().contains("lstm long 0.90") && d.reasoning().contains("ppo long 0.80 risk 0.20 size 0.60"), d.reasoning());
        assertEquals(0.6, d.trace().get("ppo.size"));
    }

    @Test
    void aMajorityAboveTheHalfLevelTradesHalf() {
        // the unified model votes against: 3 of 4 agree; confidence (0.8 + 0.75 + 0.8 + (1 − 0.6)) / 4 = 0.6875
        TradeDecision d = decide(lstm(-1, 0.80), gbm(-1, 0.75), ppo(-1, 0.80, 0.1, 1.0), Vote.of("unified", 1, 0.6));
        assertEquals(Action.SHORT, d.action());
        assertEquals(0.5, d.size(), 1e-12);
        assertTrue(d.reasoning().startsWith("Rule MAJORITY_HALF"), d.reasoning());
    }

    @Test
    void aStrongTimingSignalThatTheSizerConfirmsTradesSmall() {
        // 3 of 5 agree (a majority) but the confidence (0.9 + 0.61 + 0.51 + 0.25 + 0.23) / 5 = 0.50 is not above 0.65; the LSTM is at 0.90 and PPO on its side
        TradeDecision d = decide(lstm(1, 0.90), gbm(1, 0.61), ppo(1, 0.51, 0.1, 0.8), Vote.of("unified", -1, 0.75), Vote.of("regime", -1, 0.77));
        assertEquals(Action.LONG, d.action());
        assertEquals(0.8 * 0.25, d.size(), 1e-12);
        assertTrue(d.reasoning().startsWith("Rule STRONG_TIMING_SIZER_CONFIRMS"), d.reasoning());
    }

    @Test
    void eachWaitingRuleSaysWhy() {
        TradeDecision noEntry = decide(lstm(1, 0.65), gbm(1, 0.9), ppo(1, 0.9, 0, 1));
        assertEquals(SkipReason.NO_ENTRY_SIGNAL, noEntry.skip(), "0.65 is not above 0.65");
        assertEquals(SkipReason.WIN_PROBABILITY_TOO_LOW, decide(lstm(1, 0.8), gbm(1, 0.60), ppo(1, 0.9, 0, 1)).skip());
        assertEquals(SkipReason.WIN_PROBABILITY_TOO_LOW, decide(lstm(1, 0.8), gbm(-1, 0.9), ppo(1, 0.9, 0, 1)).skip(), "LightGBM favours the other side");
        // confidence (0.7 + 0.62 + 0.1 + 0.1 + 0.1) / 5 = 0.32, below 0.5 → no trade
        TradeDecision low = decide(lstm(1, 0.7), gbm(1, 0.62), ppo(-1, 0.9, 0, 1), Vote.of("a", -1, 0.9), Vote.of("b", -1, 0.9));
        assertEquals(SkipReason.LOW_ENSEMBLE_CONFIDENCE, low.skip(), low.reasoning());
        // 2 of 4 agree (no majority), timing 0.70 not strong: wait
        TradeDecision none = decide(lstm(1, 0.70), gbm(1, 0.70), ppo(-1, 0.55, 0, 1), Vote.of("unified", -1, 0.55));
        assertEquals(SkipReason.NO_SETUP, none.skip(), none.reasoning());
        assertTrue(none.reasoning().startsWith("Rule NO_SETUP: wait"), none.reasoning());
    }

    @Test
    void aSizerProposingNoPositionKeepsTheEnsembleFlat() {
        // a majority of 3 of 4 above 0.65 would trade half, but the sizer (its cost gate) proposes 0
        TradeDecision d = decide(lstm(1, 0.90), gbm(1, 0.80), ppo(0, 0.5, Double.NaN, 0), Vote.of("unified", 1, 0.9));
        assertEquals(Action.FLAT, d.action());
        assertEquals(SkipReason.NO_SETUP, d.skip());
        assertTrue(d.reasoning().contains("MAJORITY_HALF would trade") && d.reasoning().contains("ppo proposes no position"), d.reasoning());
    }

    @Test
    void highRiskReducesOrSkipsAsConfigured() {
        TradeDecision reduced = decide(lstm(1, 0.90), gbm(1, 0.80), ppo(1, 0.80, 0.75, 0.6));
        assertEquals(0.6 * 0.5, reduced.size(), 1e-12, "risk 0.75 > 0.7 halves the size");
        EnsembleConfig skip = new EnsembleConfig(0.65, 0.60, 0.75, 0.65, 0.75, 0.5, 0.7, EnsembleConfig.HighRisk.SKIP, 0.5, 0.5, 0.25);
        TradeDecision skipped = new Ensemble(skip).decide(lstm(1, 0.90), gbm(1, 0.80), ppo(1, 0.80, 0.75, 0.6), List.of(), 0.02, 0.03);
        assertEquals(SkipReason.HIGH_RISK, skipped.skip());
    }

    @Test
    void theConfigFileOverridesDefaultsAndNamesWhatIsWrong(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ensemble.json");
        Files.writeString(f, "{\"entryConfidence\": 0.7, \"highRisk\": \"SKIP\"}");
        EnsembleConfig c = EnsembleConfig.read(f);
        assertEquals(0.7, c.entryConfidence());
        assertEquals(EnsembleConfig.HighRisk.SKIP, c.highRisk());
        assertEquals(0.60, c.winProbability(), "absent fields keep the document's values");
        Files.writeString(f, "{\"entryConfidense\": 0.7}");
        TatraException typo = assertThrows(TatraException.class, () -> EnsembleConfig.read(f));
        assertTrue(typo.getMessage().contains("unknown field 'entryConfidense'") && typo.getMessage().contains(f.toString()), typo.getMessage());
        Files.writeString(f, "{\"maxRisk\": 1.5}");
        TatraException range = assertThrows(TatraException.class, () -> EnsembleConfig.read(f));
        assertTrue(range.getMessage().contains(f.toString()) && range.getMessage().contains("1.5"), range.getMessage());
        Files.writeString(f, "{\"highRisk\": \"PANIC\"}");
        assertTrue(assertThrows(TatraException.class, () -> EnsembleConfig.read(f)).getMessage().contains("PANIC"));
        Files.writeString(f, "[1, 2]");
        assertTrue(assertThrows(TatraException.class, () -> EnsembleConfig.read(f)).getMessage().contains("expected a JSON object"));
        assertThrows(TatraException.class, () -> EnsembleConfig.read(dir.resolve("missing.json")));
    }

    @Test
    void fittedThresholdsAreTheValidationQuantilesOfTheirQuantities(@TempDir Path dir) throws Exception {
        double[] timing = new double[101], win = new double[101], ens = new double[101];
        for (int i = 0; i <= 100; i++) {
            timing[i] = 0.50 + i * 0.001; // 0.500 .. 0.600
            win[i] = 0.45 + i * 0.001;
            ens[i] = 0.48 + i * 0.0005;
        }
        EnsembleQuantiles q = new EnsembleQuantiles(0.8, 0.5, 0.9, 0.95, null);
        EnsembleConfig c = q.fit(EnsembleConfig.defaults(), timing, win, ens);
        assertEquals(0.580, c.entryConfidence(), 1e-12, "the 80th percentile of the timing confidence");
        assertEquals(0.500, c.winProbability(), 1e-12, "the median P(win)");
        assertEquals(0.525, c.fullConfidence(), 1e-12);
        assertEquals(c.fullConfidence(), c.halfConfidence(), 1e-12, "the half tier never asks more than the full one");
        assertEquals(0.75, c.strongTiming(), "an unfitted threshold keeps its value");
        assertEquals(java.util.Map.of("entryConfidence", 0.58, "winProbability", 0.5, "fullConfidence", 0.525, "halfConfidence", 0.525).keySet(), q.describe(c).keySet());
        assertThrows(IllegalArgumentException.class, () -> q.fit(EnsembleConfig.defaults(), new double[0], new double[0], new double[0]));
        Path f = dir.resolve("ensemble.json");
        Files.writeString(f, "{\"minConfidence\": 0.4, \"fitQuantiles\": {\"entryConfidence\": 0.8, \"winProbability\": 0.6}}");
        EnsembleConfig.File file = EnsembleConfig.readFile(f);
        assertEquals(0.4, file.thresholds().minConfidence());
        assertEquals(0.8, file.fit().entryConfidence());
        assertNull(file.fit().fullConfidence());
        Files.writeString(f, "{\"fitQuantiles\": {\"entryConfidence\": 1.5}}");
        var bad = assertThrows(TatraException.class, () -> EnsembleConfig.readFile(f));
        assertTrue(bad.getMessage().contains(f.toString()) && bad.getMessage().contains("fitQuantiles") && bad.getMessage().contains("1.5"), bad.getMessage());
        Files.writeString(f, "{\"fitQuantiles\": {\"entry\": 0.8}}");
        bad = assertThrows(TatraException.class, () -> EnsembleConfig.readFile(f));
        assertTrue(bad.getMessage().contains("fitQuantiles") && bad.getMessage().contains("known: entryConfidence"), bad.getMessage());
    }
}
