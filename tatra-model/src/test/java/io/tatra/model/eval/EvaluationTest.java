package io.tatra.model.eval;

import io.tatra.dataset.Dataset;
import io.tatra.features.Feature;
import io.tatra.metrics.Contender;
import io.tatra.metrics.Metric;
import io.tatra.model.TestData;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.pretrain.Objective;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.train.Balance;
import io.tatra.model.train.TrainConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class EvaluationTest {
    static EvalReport report;

    @BeforeAll
    static void run() {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        EvalConfig cfg = new EvalConfig(List.of(1L, 2L), ModelConfig.tiny(96, Feature.COUNT),
                new TrainConfig(Balance.PCGRAD, 1, 32, 3e-3, 1e-4, 2, 6, 1.0, 1),
                new PretrainConfig(EnumSet.of(Objective.MASKED), 1, 16, 1e-3, 3, 0.15, 0.2, 48, 1), 2, 0.7);
        report = Evaluation.run(ds, ds.folds().size() - 1, cfg, line -> {});
    }

    @Test
    void everyContenderIsScoredOnItsTasks() {
        for (Contender c : List.of(Contender.UNIFIED, Contender.SPECIALISTS, Contender.PROBE_PRETRAINED, Contender.PROBE_RANDOM))
            for (Metric m : Metric.values()) {
                List<Double> runs = report.scores().get(c).get(m);
                assertNotNull(runs, c + " " + m);
                assertEquals(2, runs.size(), c + " " + m + ": one value per seed");
            }
        assertEquals(EnumSet.of(Metric.VOLATILITY_QLIKE, Metric.VOLATILITY_R2_LOG, Metric.VOLATILITY_MZ_R2_LOG), report.scores().get(Contender.GARCH).keySet());
        assertEquals(EnumSet.of(Metric.VOLATILITY_QLIKE, Metric.VOLATILITY_R2_LOG, Metric.VOLATILITY_MZ_R2_LOG), report.scores().get(Contender.HAR).keySet());
        assertTrue(report.scores().get(Contender.HMM).containsKey(Metric.REGIME_MACRO_F1_TRUE), "synthetic data carries true regimes");
        assertTrue(report.scores().get(Contender.LINEAR).containsKey(Metric.DIRECTION_LOG_LOSS));
        // a constant return forecast has no IC; its Huber loss is defined
        assertTrue(Double.isNaN(report.stat(Contender.ZERO, Metric.RETURN_IC).mean()));
        assertTrue(report.stat(Contender.ZERO, Metric.RETURN_HUBER).mean() > 0);
        // sanity of magnitudes: the prior's direction log-loss is close to the class entropy, below ln 3 + a bit
        double prior = report.stat(Contender.PRIOR, Metric.DIRECTION_LOG_LOSS).mean();
        assertTrue(prior > 0.5 && prior < Math.log(3) + 0.05, "prior log-loss " + prior);
        double garch = report.stat(Contender.GARCH, Metric.VOLATILITY_QLIKE).mean();
        assertTrue(garch > 0 && garch < 1, "GARCH QLIKE " + garch);
    }

    @Test
    void deltaMFollowsFromThePrimaryMetrics() {
        assertEquals(2, report.deltaM().size());
        for (int seed = 0; seed < 2; seed++) {
            double s = 0;
            for (Metric.EvalTask t : Metric.EvalTask.values()) {
                Metric m = Metric.primary(t);
                double u = report.scores().get(Contender.UNIFIED).get(m).get(seed), sp = report.scores().get(Contender.SPECIALISTS).get(m).get(seed);
                s += (m.higherIsBetter() ? 1 : -1) * (u - sp) / Math.abs(sp);
            }
            assertEquals(100 * s / 4, report.deltaM().get(seed), 1e-9);
        }
        for (List<Double> v : report.contradiction().values()) for (double x : v) assertTrue(Double.isNaN(x) || (x >= 0 && x <= 1));
        assertEquals(2, report.costRatio().size());
        assertTrue(report.costRatio().get(0) > 0);
    }

    @Test
    void jsonCarriesTheVerdictAndTheTablesRender() {
        Map<String, Object> json = ReportFormat.json(report);
        assertInstanceOf(Double.class, json.get("delta_m_pct"));
        @SuppressWarnings("unchecked") Map<String, Object> contra = (Map<String, Object>) json.get("contradiction_rate");
        assertTrue(contra.containsKey("unified") && contra.containsKey("specialists"));
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) json.get("tasks");
        assertEquals(List.of("direction", "volatility", "regime", "return"), List.copyOf(tasks.keySet()));
        assertTrue(tasks.get("volatility").containsKey("garch") && tasks.get("volatility").containsKey("har_rv"));
        String text = ReportFormat.text(report), md = ReportFormat.markdown(report);
        assertTrue(text.contains("GARCH(1,1)") && text.contains("Δm") && text.contains("±"), text);
        assertTrue(md.contains("| direction | log-loss ↓"), md);
    }
}
