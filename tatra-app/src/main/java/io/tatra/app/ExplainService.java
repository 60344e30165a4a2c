package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.dataset.FoldWindows;
import io.tatra.features.Feature;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.TaskSpec;
import io.tatra.gbm.GbmConfig;
import io.tatra.gbm.GbmTask;
import io.tatra.gbm.WindowSummary;
import io.tatra.metrics.Metrics;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What drives a task, as LightGBM sees it (issue 15's {@code tatra explain}): a booster trained on the window
 * summaries of the training windows (early-stopped on validation), its gain and split importance, the mean |SHAP| of
 * each column on held-out windows (LightGBM's TreeSHAP), and, for the 64 features on their own and on training rows
 * only, the rank IC with the forward return, the mutual information with the direction label and the Pearson and
 * Spearman correlation matrices.
 */
public final class ExplainService {
    /** Rows the SHAP values and the correlation matrices are computed on at most (a seeded sample). */
    public static final int SHAP_ROWS = 5_000, CORRELATION_ROWS = 20_000;

    private ExplainService() {}

    public record Request(DataRequest data, Instant testFrom, TaskSpec task, GbmConfig gbm) {
        public Request {
            if (data == null || task == null || gbm == null) throw new IllegalArgumentException("data, task and LightGBM settings are required");
        }
    }

    /** One summary column: its gain and split counts in the booster and its mean |SHAP| (summed over classes) on held-out windows. */
    public record Column(String name, double gain, double splits, double meanAbsShap) {}

    /** One of the 64 features on its own, on training rows: rank IC with the forward return, mutual information (bits) with the direction label. */
    public record FeaturePower(String name, double rankIc, double mutualInformationBits) {}

    public record Explanation(String task, List<String> symbols, String interval, String trainFrom, String trainTo, String explainedOn, int trainWindows,
                              int validationWindows, int explainedWindows, int rounds, String metric, double validationMetric, double miBiasBits,
                              List<Column> columns, List<FeaturePower> features, List<String> featureNames, double[][] pearson, double[][] spearman) {}

    public static Explanation run(Path home, Request r, Consumer<String> log) {
        Dataset ds = r.testFrom() != null ? r.data().holdout(home, log, r.testFrom()) : r.data().finalFit(home, log);
        Fold fold = ds.folds().get(0);
        FoldWindows w = new FoldWindows(ds, 0, ds.samples(0, Fold.Part.TRAIN), ds.samples(0, Fold.Part.VALIDATION), ds.samples(0, Fold.Part.TEST));
        if (w.validation().isEmpty()) throw new TatraException("no validation windows: use a longer period");
        boolean onTest = !w.test().isEmpty();
        List<Dataset.Sample> explained = sample(onTest ? w.test() : w.validation(), SHAP_ROWS, r.gbm().seed());
        WindowSummary ws = WindowSummary.of(w);
        double[] xTr = ws.rows(w.train()), xVa = ws.rows(w.validation()), xEx = ws.rows(explained);
        int f = WindowSummary.COLUMNS;
        List<String> names = WindowSummary.names();
        List<Column> columns = new ArrayList<>();
        int rounds;
        double metric;
        String metricName;
        try (GbmTask.Trained t = GbmTask.train(w, r.task(), xTr, xVa, r.gbm(), log)) {
            rounds = t.result().bestRound();
            metric = t.result().bestValidation();
            metricName = t.task().objective().metric();
            double[] gain = t.result().model().importance(true), splits = t.result().model().importance(false);
            double[] contrib = t.result().model().contributions(xEx, explained.size());
            int outputs = t.result().model().outputs();
            double[] shap = new double[f];
            for (int i = 0; i < explained.size(); i++)
                for (int c = 0; c < outputs; c++)
                    for (int j = 0; j < f; j++) shap[j] += Math.abs(contrib[(i * outputs + c) * (f + 1) + j]);
            for (int j = 0; j < f; j++) columns.add(new Column(names.get(j), gain[j], splits[j], shap[j] / explained.size()));
        }
        columns.sort(Comparator.comparingDouble(Column::meanAbsShap).reversed());
        log.accept("single-feature power and correlations on " + w.train().size() + " training windows");
        int d = Feature.COUNT;
        double[] ret = GbmTask.raw(w, w.train(), CoreTasks.RETURN), dirRaw = GbmTask.raw(w, w.train(), CoreTasks.DIRECTION);
        int[] dir = new int[dirRaw.length];
        for (int i = 0; i < dir.length; i++) dir[i] = (int) dirRaw[i];
        List<FeaturePower> power = new ArrayList<>();
        List<String> featureNames = names.subList(0, d);
        double[][] col = new double[d][w.train().size()];
        for (int i = 0; i < w.train().size(); i++) for (int j = 0; j < d; j++) col[j][i] = xTr[i * f + j];
        for (int j = 0; j < d; j++) power.add(new FeaturePower(featureNames.get(j), Metrics.spearman(col[j], ret), Metrics.mutualInformation(col[j], dir, 3, 10)));
        int[] pick = indices(w.train().size(), CORRELATION_ROWS, r.gbm().seed());
        double[][] sub = new double[d][pick.length];
        for (int j = 0; j < d; j++) for (int i = 0; i < pick.length; i++) sub[j][i] = col[j][pick[i]];
        double[][] pearson = new double[d][d], spearman = new double[d][d];
        double[][] ranked = new double[d][];
        for (int j = 0; j < d; j++) ranked[j] = Metrics.ranks(sub[j]);
        for (int a = 0; a < d; a++)
            for (int b = a; b < d; b++) {
                pearson[a][b] = pearson[b][a] = a == b ? 1 : clean(Metrics.pearson(sub[a], sub[b]));
                spearman[a][b] = spearman[b][a] = a == b ? 1 : clean(Metrics.pearson(ranked[a], ranked[b]));
            }
        List<String> symbols = ds.symbols().stream().map(s -> s.bars().symbol().value()).toList();
        String from = fold.train().isEmpty() ? null : Instant.ofEpochMilli(fold.train().get(0).from()).toString();
        String to = fold.train().isEmpty() ? null : Instant.ofEpochMilli(fold.train().get(fold.train().size() - 1).to()).toString();
        return new Explanation(r.task().name(), symbols, ds.interval().code(), from, to, onTest ? "test windows (after --test-from)" : "validation windows",
                w.train().size(), w.validation().size(), explained.size(), rounds, metricName, metric, 9.0 * 2 / (2 * w.train().size() * Math.log(2)),
                columns, power, featureNames, pearson, spearman);
    }

    /** A constant feature has no correlation: 0 rather than NaN in the matrix. */
    private static double clean(double v) { return Double.isFinite(v) ? v : 0; }

    private static List<Dataset.Sample> sample(List<Dataset.Sample> all, int max, long seed) {
        if (all.size() <= max) return all;
        int[] pick = indices(all.size(), max, seed);
        List<Dataset.Sample> out = new ArrayList<>(pick.length);
        for (int i : pick) out.add(all.get(i));
        return out;
    }

    /** {@code min(n, max)} distinct indices in increasing order, a seeded random choice when n > max. */
    private static int[] indices(int n, int max, long seed) {
        if (n <= max) return java.util.stream.IntStream.range(0, n).toArray();
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        Random r = new Random(seed);
        for (int i = 0; i < max; i++) {
            int j = i + r.nextInt(n - i);
            int t = all[i]; all[i] = all[j]; all[j] = t;
        }
        int[] out = Arrays.copyOf(all, max);
        Arrays.sort(out);
        return out;
    }
}
