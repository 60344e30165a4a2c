package io.tatra.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One window's forecasts, per task, in label units: class probabilities in the task's class order (read them by
 * class name), or one value. A forecaster that does not forecast a task leaves it out.
 */
public record Forecast(Map<TaskSpec, double[]> values) {
    public Forecast {
        Map<TaskSpec, double[]> copy = new LinkedHashMap<>();
        values.forEach((t, v) -> {
            if (v == null || v.length != t.width()) throw new IllegalArgumentException("task " + t.name() + ": expected " + t.width() + " values, got " + (v == null ? "none" : v.length));
            for (double x : v) if (!Double.isFinite(x)) throw new IllegalArgumentException("task " + t.name() + ": non-finite forecast " + x);
            if (t.kind() == ForecastKind.CLASSES || t.kind() == ForecastKind.PROBABILITY) checkProbabilities(t, v);
            if (t.kind() == ForecastKind.SCALE && !(v[0] > 0)) throw new IllegalArgumentException("task " + t.name() + ": a scale must be > 0, got " + v[0]);
            copy.put(t, v.clone());
        });
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean has(TaskSpec t) { return values.containsKey(t); }

    /** The probability of one named class. */
    public double probability(TaskSpec t, String cls) { return get(t)[t.classIndex(cls)]; }

    /** The single value of a scale, value or probability task. */
    public double value(TaskSpec t) {
        if (t.kind() == ForecastKind.CLASSES) throw new IllegalArgumentException("task " + t.name() + " forecasts classes; ask for a class probability");
        return get(t)[0];
    }

    /** A copy of the task's values. */
    public double[] values(TaskSpec t) { return get(t).clone(); }

    public List<TaskSpec> tasks() { return List.copyOf(values.keySet()); }

    private double[] get(TaskSpec t) {
        double[] v = values.get(t);
        if (v == null) throw new IllegalArgumentException("no forecast for task '" + t.name() + "'; this forecaster has " + values.keySet().stream().map(TaskSpec::name).toList());
        return v;
    }

    private static void checkProbabilities(TaskSpec t, double[] p) {
        double s = 0;
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("task " + t.name() + ": probability " + v + " outside [0, 1]");
            s += v;
        }
        if (t.kind() == ForecastKind.CLASSES && Math.abs(s - 1) > 1e-3) throw new IllegalArgumentException("task " + t.name() + ": probabilities sum to " + s + ", not 1");
    }
}
