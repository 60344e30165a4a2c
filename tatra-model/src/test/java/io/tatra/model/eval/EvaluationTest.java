package io.tatra.model.eval;

import io.tatra.dataset.Dataset;
import io.tatra.features.Feature;
import io.tatra.baseline.Baselines;
import io.tatra.forecast.Contender;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
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

    /** A forecaster written in one place: up if the window's last bar closed up, else down; never sideways. */
    static final Contender TINY = Contender.of("tiny_sign", "tiny last-bar sign", d -> {
        double[] p = new double[3 * d.test().size()];
        for (int i = 0; i < d.test().size(); i++) {
            var s = d.test().get(i);
            var bars = d.symbols().get(s.symbol()).bars();
            boolean up = bars.close(s.row()) > bars.open(s.row());
            p[3 * i] = up ? 0.2 : 0.6;
            p[3 * i + 1] = 0.2;
            p[3 * i + 2] = up ? 0.6 : 0.2;
        }
        return Forecasts.none(d.test().size()).with(CoreTasks.DIRECTION, p);
    });

    @BeforeAll
    static void run() {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        EvalConfig cfg = new EvalConfig(List.of(1L, 2L), ModelConfig.tiny(96, Feature.COUNT),
                new TrainConfig(Balance.PCGRAD, 1, 32, 3e-3, 1e-4, 2, 6, 1.0, 1),
                new PretrainConfig(EnumSet.of(Objective.MASKED), 1, 16, 1e-3, 3, 0.15, 0.2, 48, 1), 2, 0.7);
        List<Contender> contenders = new java.util.ArrayList<>(Evaluation.contenders(cfg));
        contenders.add(TINY);
        report = Evaluation.run(ds, ds.folds().size() - 1, cfg, contenders, line -> {});
    }

    @Test
    void everyContenderIsScoredOnItsTasks() {
        for (String c : List.of(ModelContenders.UNIFIED, ModelContenders.LSTM, ModelContenders.SPECIALISTS, ModelContenders.PROBE_PRETRAINED, ModelContenders.PROBE_RANDOM))
            for (Metric m : Metric.values()) {
                List<Double> runs = report.scores().get(c).get(m);
                boolean winHead = c.equals(ModelContenders.UNIFIED) || c.equals(ModelContenders.LSTM);
                if (m.task().equals(CoreTasks.WIN) && !winHead) { assertNull(runs, c + " has no win head"); continue; }
                assertNotNull(runs, c + " " + m);
                assertEquals(2, runs.size(), c + " " + m + ": one value per seed");
            }
        // the win label: the unified model's head on its frozen encoder beside the base rate and the logistic regression
        for (String c : List.of(ModelContenders.UNIFIED, "prior", "linear")) {
            double ll = report.stat(c, Metric.WIN_LOG_LOSS).mean();
            assertTrue(ll > 0.3 && ll < 1.0, c + " win log-loss " + ll);
        }
        assertTrue(Double.isNaN(report.stat("prior", Metric.WIN_AUC).mean()) || Math.abs(report.stat("prior", Metric.WIN_AUC).mean() - 0.5) < 1e-9,
                "a constant has no ranking skill");
        assertEquals(EnumSet.of(Metric.VOLATILITY_QLIKE, Metric.VOLATILITY_R2_LOG, Metric.VOLATILITY_MZ_R2_LOG), report.scores().get("garch").keySet());
        assertEquals(EnumSet.of(Metric.VOLATILITY_QLIKE, Metric.VOLATILITY_R2_LOG, Metric.VOLATILITY_MZ_R2_LOG), report.scores().get("har_rv").keySet());
        assertTrue(report.scores().get("hmm").containsKey(Metric.REGIME_MACRO_F1_TRUE), "synthetic data carries true regimes");
        assertTrue(report.scores().get("linear").containsKey(Metric.DIRECTION_LOG_LOSS));
        // a constant return forecast has no IC; its Huber loss is defined
        assertTrue(Double.isNaN(report.stat("zero", Metric.RETURN_IC).mean()));
        assertTrue(report.stat("zero", Metric.RETURN_HUBER).mean() > 0);
        // sanity of magnitudes: the prior's direction log-loss is close to the class entropy, below ln 3 + a bit
        double prior = report.stat("prior", Metric.DIRECTION_LOG_LOSS).mean();
        assertTrue(prior > 0.5 && prior < Math.log(3) + 0.05, "prior log-loss " + prior);
        double garch = report.stat("garch", Metric.VOLATILITY_QLIKE).mean();
        assertTrue(garch > 0 && garch < 1, "GARCH QLIKE " + garch);
    }

    @Test
    void deltaMFollowsFromThePrimaryMetrics() {
        assertEquals(2, report.deltaM().size());
        for (int seed = 0; seed < 2; seed++) {
            double s = 0;
            for (var t : io.tatra.forecast.CoreTasks.ALL) {
                Metric m = Metric.primary(t);
                double u = report.scores().get(ModelContenders.UNIFIED).get(m).get(seed), sp = report.scores().get(ModelContenders.SPECIALISTS).get(m).get(seed);
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
        assertEquals(List.of("direction", "volatility", "regime", "return", "win"), List.copyOf(tasks.keySet()));
        assertTrue(tasks.get("volatility").containsKey("garch") && tasks.get("volatility").containsKey("har_rv"));
        String text = ReportFormat.text(report), md = ReportFormat.markdown(report);
        assertTrue(text.contains("GARCH(1,1)") && text.contains("Δm") && text.contains("±"), text);
        assertTrue(md.contains("| direction | log-loss ↓"), md);
    }

    @Test
    void aContenderGivenInTheListIsScoredAndReportedWithoutEditingTheEvaluation() {
        // the tiny forecaster forecasts direction only: scored on exactly the direction metrics, once (not seeded)
        assertEquals(EnumSet.of(Metric.DIRECTION_LOG_LOSS, Metric.DIRECTION_BALANCED_ACCURACY, Metric.DIRECTION_ECE), report.scores().get("tiny_sign").keySet());
        assertEquals(1, report.scores().get("tiny_sign").get(Metric.DIRECTION_LOG_LOSS).size());
        double ll = report.stat("tiny_sign", Metric.DIRECTION_LOG_LOSS).mean();
        assertTrue(ll > 0.5 && ll < 3, "log-loss of a 0.6/0.2/0.2 forecast " + ll);
        assertTrue(ReportFormat.text(report).contains("tiny last-bar sign"), ReportFormat.text(report));
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) ReportFormat.json(report).get("tasks");
        assertTrue(tasks.get("direction").containsKey("tiny_sign"));
        assertFalse(tasks.get("volatility").containsKey("tiny_sign"));
        // the built-in persistence baseline is a contender of the default list too
        assertTrue(Baselines.contenders().stream().anyMatch(c -> c.code().equals("last_sign")));
        assertTrue(report.scores().get("last_sign").containsKey(Metric.RETURN_HUBER));
        // report order is the order given: deep models, then baselines, then the extra one last
        List<String> order = report.contenders().stream().map(EvalReport.Entry::code).toList();
        assertEquals("unified", order.get(0));
        assertEquals("tiny_sign", order.get(order.size() - 1));
    }

    @Test
    void contendersWithTheSameCodeAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Evaluation.run(TestData.small(), 0, null, List.of(TINY, TINY), line -> {}));
        assertTrue(e.getMessage().contains("tiny_sign"), e.getMessage());
    }

    @Test
    void aHeadThatForecastsOneDistributionForEveryWindowIsFlaggedInTheReport() {
        int n = 300;
        double[] flat = new double[n * 3], varied = new double[n * 3];
        for (int i = 0; i < n; i++) {
            flat[i * 3] = 0.3; flat[i * 3 + 1] = 0.4; flat[i * 3 + 2] = 0.3;
            varied[i * 3] = 0.1 + 0.5 * (i % 7) / 7.0; varied[i * 3 + 1] = 0.3; varied[i * 3 + 2] = 0.6 - 0.5 * (i % 7) / 7.0;
        }
        EvalReport.Builder b = new EvalReport.Builder();
        Evaluation.flagCollapse(b, "unified", "seed 1", new io.tatra.forecast.Forecasts(n, java.util.Map.of(io.tatra.forecast.CoreTasks.DIRECTION, flat)));
        Evaluation.flagCollapse(b, "specialist", "seed 1", new io.tatra.forecast.Forecasts(n, java.util.Map.of(io.tatra.forecast.CoreTasks.DIRECTION, varied)));
        Object flagged = b.data.get("collapsed");
        assertTrue(flagged instanceof java.util.List<?> l && l.size() == 1 && l.get(0).toString().startsWith("unified, direction, seed 1"), String.valueOf(flagged));
    }
}
