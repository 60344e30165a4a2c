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
}
