package io.tatra.forecast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One forecaster's forecasts for a list of windows, per task: {@code [size × width]} values row-major, class
 * probabilities in the task's class order (read them by class name), one value for the other kinds. A forecaster
 * that does not forecast a task leaves it out. Values are checked when one window is read ({@link #window}).
 */
public record Forecasts(int size, Map<TaskSpec, double[]> values) {
    public Forecasts {
        if (size < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
        Map<TaskSpec, double[]> copy = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            TaskSpec t = e.getKey();
            double[] v = e.getValue();
            if (v == null || (long) size * t.width() != v.length)
                throw new IllegalArgumentException("task " + t.name() + ": expected " + size + " × " + t.width() + " values, got " + (v == null ? "none" : v.length));
            for (TaskSpec o : copy.keySet())
                if (o.name().equals(t.name())) throw new IllegalArgumentException("task name '" + t.name() + "' given twice");
            copy.put(t, v);
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** No task yet, for {@code size} windows. */
    public static Forecasts none(int size) { return new Forecasts(size, Map.of()); }

    /** These forecasts plus one task's (replacing an earlier forecast of the same task). */
    public Forecasts with(TaskSpec t, double[] v) {
        Map<TaskSpec, double[]> m = new LinkedHashMap<>(values);
        m.keySet().removeIf(o -> o.name().equals(t.name()));
        m.put(t, v);
        return new Forecasts(size, m);
    }

    /** Every task of {@code other} added to these (other's forecast wins where both forecast a task). */
    public Forecasts merge(Forecasts other) {
        if (other.size != size) throw new IllegalArgumentException("merging forecasts of " + other.size + " windows into " + size);
        Forecasts out = this;
        for (var e : other.values.entrySet()) out = out.with(e.getKey(), e.getValue());
        return out;
    }

    public boolean has(TaskSpec t) { return values.containsKey(t); }

    public boolean hasAll(List<TaskSpec> tasks) { return tasks.stream().allMatch(this::has); }

    public List<TaskSpec> tasks() { return List.copyOf(values.keySet()); }

    /** The task's values, {@code [size × width]}; the array is shared, do not modify it. */
    public double[] array(TaskSpec t) {
        double[] v = values.get(t);
        if (v == null) throw new IllegalArgumentException("no forecast for task '" + t.name() + "'; these forecasts have " + values.keySet().stream().map(TaskSpec::name).toList());
        return v;
    }

    /** One named class's probability per window. */
    public double[] probabilities(TaskSpec t, String cls) {
        double[] v = array(t);
        int k = t.width(), c = t.classIndex(cls);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = v[i * k + c];
        return out;
    }

    /** Window {@code i}'s forecasts (validated: probabilities sum to 1, scales positive, all finite). */
    public Forecast window(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("window " + i + " of " + size);
        Map<TaskSpec, double[]> one = new LinkedHashMap<>();
        values.forEach((t, v) -> one.put(t, java.util.Arrays.copyOfRange(v, i * t.width(), (i + 1) * t.width())));
        return new Forecast(one);
    }
}
