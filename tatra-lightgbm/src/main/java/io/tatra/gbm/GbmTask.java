package io.tatra.gbm;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.FoldWindows;
import io.tatra.dataset.Normalization;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.TaskSpec;
import io.tatra.labels.LabelSet;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * How LightGBM learns one core task from window summaries: its objective, its training target and the way raw
 * predictions return to label units. Direction and regime: multiclass on the class; volatility: gamma on the squared
 * forward volatility, forecast as the square root; return: Huber on the return standardized by the training median
 * and IQR, forecast back in log-return units.
 */
public record GbmTask(TaskSpec spec, GbmObjective objective, int classes, double center, double scale) {
    /** A booster trained for a task, with the task (and its target scaling) it needs to read its predictions. */
    public record Trained(GbmTask task, GbmTrainer.Result result) implements AutoCloseable {
        /** Forecasts in label units: {@code [rows × classes]} probabilities, σ, or a log return. */
        public double[] predict(double[] x, int rows) { return task.toLabel(result.model().predict(x, rows)); }

        @Override public void close() { result.close(); }
    }

    /** A booster's predictions turned into label units, in place: σ from the variance, the return from its standardized value. */
    public double[] toLabel(double[] p) {
        if (spec.equals(CoreTasks.VOLATILITY)) for (int i = 0; i < p.length; i++) p[i] = Math.sqrt(p[i]);
        else if (spec.equals(CoreTasks.RETURN)) for (int i = 0; i < p.length; i++) p[i] = center + scale * p[i];
        return p;
    }

    /** Trains the booster for {@code spec} on the training windows' summaries, early-stopped on the validation windows'. */
    public static Trained train(FoldWindows d, TaskSpec spec, double[] xTr, double[] xVa, GbmConfig cfg, Consumer<String> progress) {
        if (d.validation().isEmpty()) throw new IllegalArgumentException("LightGBM needs validation windows for early stopping; fold "
                + d.dataset().folds().get(d.fold()).name() + " has none");
        GbmTask task = of(d, spec);
        int f = WindowSummary.COLUMNS;
        GbmTrainer.Data tr = new GbmTrainer.Data(xTr, d.train().size(), f, task.targets(d, d.train()));
        GbmTrainer.Data va = new GbmTrainer.Data(xVa, d.validation().size(), f, task.targets(d, d.validation()));
        String name = spec.name();
        GbmTrainer.Result r = GbmTrainer.train(tr, va, task.objective(), task.classes(), cfg, WindowSummary.names(), line -> progress.accept(name + " " + line));
        progress.accept(String.format(java.util.Locale.ROOT, "%s: %d rounds kept (of %d tried), validation %s %.5f, %.1f s",
                name, r.bestRound(), r.curve().length, task.objective().metric(), r.bestValidation(), r.seconds()));
        return new Trained(task, r);
    }

    /** The task as LightGBM learns it on this fold (the return's scaling fitted on its training windows). */
    public static GbmTask of(FoldWindows d, TaskSpec spec) {
        if (spec.equals(CoreTasks.DIRECTION) || spec.equals(CoreTasks.REGIME)) return new GbmTask(spec, GbmObjective.MULTICLASS, 3, 0, 1);
        if (spec.equals(CoreTasks.VOLATILITY)) return new GbmTask(spec, GbmObjective.GAMMA, 1, 0, 1);
        if (spec.equals(CoreTasks.WIN)) return new GbmTask(spec, GbmObjective.BINARY, 1, 0, 1);
        if (spec.equals(CoreTasks.RETURN)) {
            double[] sorted = raw(d, d.train(), spec);
            Arrays.sort(sorted);
            double median = Normalization.quantile(sorted, 0.5), iqr = Normalization.quantile(sorted, 0.75) - Normalization.quantile(sorted, 0.25);
            return new GbmTask(spec, GbmObjective.HUBER, 1, median, iqr > 0 ? iqr / 1.349 : 1);
        }
        throw new IllegalArgumentException("LightGBM learns the core tasks (direction, volatility, regime, return) and win, not " + spec.name());
    }

    /** The training targets of these windows: the class, the squared volatility, or the standardized return. */
    public float[] targets(FoldWindows d, List<Dataset.Sample> samples) {
        double[] v = raw(d, samples, spec);
        float[] y = new float[v.length];
        for (int i = 0; i < v.length; i++)
            y[i] = (float) (objective == GbmObjective.GAMMA ? Math.max(v[i] * v[i], 1e-12) : objective == GbmObjective.HUBER ? (v[i] - center) / scale : v[i]);
        return y;
    }

    /** The label values of these windows for a core task (classes as 0..2). */
    public static double[] raw(FoldWindows d, List<Dataset.Sample> samples, TaskSpec spec) {
        double[] y = new double[samples.size()];
        for (int i = 0; i < y.length; i++) {
            Dataset.Sample s = samples.get(i);
            LabelSet l = d.symbols().get(s.symbol()).labels();
            y[i] = spec.equals(CoreTasks.DIRECTION) ? l.direction()[s.row()] : spec.equals(CoreTasks.REGIME) ? l.regime()[s.row()]
                    : spec.equals(CoreTasks.VOLATILITY) ? l.forwardVolatility()[s.row()] : spec.equals(CoreTasks.WIN) ? (l.barrier()[s.row()] == 1 ? 1 : 0)
                    : l.forwardReturn()[s.row()];
        }
        return y;
    }
}
