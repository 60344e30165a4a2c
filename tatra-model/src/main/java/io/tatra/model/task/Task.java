package io.tatra.model.task;

import java.util.regex.Pattern;

/**
 * A task: what a head learns. A new task is one of these: a name, a kind (which fixes the loss, the metric
 * and how outputs are read), the number of classes for class tasks, and where its labels come from.
 */
public record Task(String name, TaskKind kind, int classes, LabelSource labels, String description) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public Task {
        if (name == null || !NAME.matcher(name).matches())
            throw new IllegalArgumentException("task name must match " + NAME.pattern() + ", got " + name);
        if (kind == TaskKind.CLASSES ? classes < 2 : classes != 0)
            throw new IllegalArgumentException("task " + name + ": " + kind + " needs " + (kind == TaskKind.CLASSES ? "classes >= 2" : "classes = 0") + ", got " + classes);
        if (labels == null) throw new IllegalArgumentException("task " + name + " has no label source");
    }

    public int outputs() { return kind.outputs(classes); }

    /**
     * The engine-neutral view of this task, what forecasts and fusion read: the core tasks' own specs (named classes,
     * {@link io.tatra.forecast.CoreTasks}), other tasks by kind (classes named class_0.., a scale, a value, a probability).
     * Losses, target transforms and label sources stay here, in the model module.
     */
    public io.tatra.forecast.TaskSpec spec() {
        for (io.tatra.forecast.TaskSpec c : io.tatra.forecast.CoreTasks.ALL) if (c.name().equals(name)) return c;
        if (name.equals(io.tatra.forecast.CoreTasks.WIN.name())) return io.tatra.forecast.CoreTasks.WIN;
        return switch (kind) {
            case CLASSES -> new io.tatra.forecast.TaskSpec(name, io.tatra.forecast.ForecastKind.CLASSES,
                    java.util.stream.IntStream.range(0, classes).mapToObj(i -> "class_" + i).toList(), description);
            case LOG_VARIANCE -> new io.tatra.forecast.TaskSpec(name, io.tatra.forecast.ForecastKind.SCALE, java.util.List.of(), description);
            case ROBUST_REGRESSION -> new io.tatra.forecast.TaskSpec(name, io.tatra.forecast.ForecastKind.VALUE, java.util.List.of(), description);
            case BINARY -> new io.tatra.forecast.TaskSpec(name, io.tatra.forecast.ForecastKind.PROBABILITY, java.util.List.of(), description);
        };
    }
}
