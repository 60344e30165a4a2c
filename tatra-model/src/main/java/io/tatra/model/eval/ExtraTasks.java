package io.tatra.model.eval;

import io.tatra.forecast.ClassCalibration;
import io.tatra.metrics.Metrics;
import io.tatra.model.TatraModel;
import io.tatra.model.task.Task;
import io.tatra.model.task.TaskKind;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Inference;
import io.tatra.model.train.Samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scores a saved model's heads beyond the four core tasks (the sequence tasks, win, anomaly) on the windows where
 * each has a label, each beside the constant that is hardest to beat on those same windows: class or event
 * frequencies for class and yes/no heads (log-loss), the median for regressions (mean absolute error); plus a ranking
 * figure that a constant cannot have (balanced accuracy, AUC, rank IC).
 */
public final class ExtraTasks {
    private ExtraTasks() {}

    /** One head's figures: {@code loss} against {@code constantLoss} (lower is better), and {@code rank}, a ranking metric named by {@code rankMetric}. */
    public record Score(String task, String kind, int windows, String lossMetric, double loss, double constantLoss, String rankMetric, double rank) {}

    public static List<Score> score(TatraModel model, Samples windows) {
        List<Score> out = new ArrayList<>();
        for (Task t : model.tasks()) {
            if (Tasks.CORE.contains(t) || t.equals(Tasks.WIN) || t.kind() == TaskKind.LOG_VARIANCE) continue; // win: scored in the main table
            Samples s = windows.labelled(List.of(t));
            if (s.size() == 0) continue;
            float[] raw = Inference.outputs(model, s, 256).get(t.name());
            double[] y = s.labels(t, s.all());
            int n = y.length;
            switch (t.kind()) {
                case CLASSES -> {
                    int k = t.classes();
                    double[] p = ModelPredictions.probabilities(raw, k, model.calibration(t.name()));
                    int[] yi = new int[n];
                    double[] freq = new double[k];
                    for (int i = 0; i < n; i++) { yi[i] = (int) y[i]; freq[yi[i]]++; }
                    double[] prior = new double[n * k];
                    for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) prior[i * k + c] = (freq[c] + 0.5) / (n + 0.5 * k);
                    out.add(new Score(t.name(), "classes", n, "log-loss", ClassCalibration.logLoss(p, yi, k), ClassCalibration.logLoss(prior, yi, k),
                            "balanced accuracy", Metrics.balancedAccuracy(Metrics.argmax(p, k), yi, k)));
                }
                case BINARY -> {
                    double base = Arrays.stream(y).average().orElse(0.5), ll = 0, ll0 = 0;
                    base = Math.min(1 - 1e-6, Math.max(1e-6, base));
                    boolean[] pos = new boolean[n];
                    double[] p = new double[n];
                    for (int i = 0; i < n; i++) {
                        p[i] = t.kind().predict(raw[i], model.scale(t.name()));
                        pos[i] = y[i] > 0.5;
                        double q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
                        ll -= pos[i] ? Math.log(q) : Math.log(1 - q);
                        ll0 -= pos[i] ? Math.log(base) : Math.log(1 - base);
                    }
                    out.add(new Score(t.name(), "yes/no", n, "log-loss", ll / n, ll0 / n, "AUC", Metrics.auc(p, pos)));
                }
                default -> {
                    double[] p = new double[n], sorted = y.clone();
                    for (int i = 0; i < n; i++) p[i] = t.kind().predict(raw[i], model.scale(t.name()));
                    Arrays.sort(sorted);
                    double med = sorted[n / 2], mae = 0, mae0 = 0;
                    for (int i = 0; i < n; i++) { mae += Math.abs(p[i] - y[i]); mae0 += Math.abs(med - y[i]); }
                    out.add(new Score(t.name(), "value", n, "MAE", mae / n, mae0 / n, "rank IC", Metrics.spearman(p, y)));
                }
            }
        }
        return out;
    }

    /** Text lines for the terminal. */
    public static List<String> lines(List<?> scores) {
        List<String> out = new ArrayList<>();
        for (Object o : scores)
            if (o instanceof Score s)
                out.add(String.format(java.util.Locale.ROOT, "%-15s %,8d windows  %s %.4f (constant %.4f)  %s %.4f", s.task(), s.windows(), s.lossMetric(), s.loss(),
                        s.constantLoss(), s.rankMetric(), s.rank()));
        return out;
    }

    static void into(Map<String, Object> data, List<Score> scores) { if (!scores.isEmpty()) data.put("extra_tasks", scores); }
}
