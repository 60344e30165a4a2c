package io.tatra.forecast;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A forecasting task as every engine sees it (DJL heads, LightGBM, classical baselines): a name, what kind of
 * forecast it is and, for class tasks, the class names in the order their probabilities are given. Losses and
 * label transforms belong to the engine that trains it.
 */
public record TaskSpec(String name, ForecastKind kind, List<String> classes, String description) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public TaskSpec {
        if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("task name must match " + NAME.pattern() + ", got " + name);
        if (kind == null) throw new IllegalArgumentException("task " + name + ": kind is required");
        classes = classes == null ? List.of() : List.copyOf(classes);
        if (kind == ForecastKind.CLASSES ? classes.size() < 2 : !classes.isEmpty())
            throw new IllegalArgumentException("task " + name + ": " + kind + " needs " + (kind == ForecastKind.CLASSES ? "at least 2 class names" : "no class names"));
        if (classes.stream().distinct().count() != classes.size()) throw new IllegalArgumentException("task " + name + ": class names repeat: " + classes);
        description = description == null ? "" : description;
    }

    /** Values per window: the number of classes, or 1. */
    public int width() { return kind == ForecastKind.CLASSES ? classes.size() : 1; }

    /** The position of a class name; an unknown name is an error, never a silent index. */
    public int classIndex(String cls) {
        int i = classes.indexOf(cls);
        if (i < 0) throw new IllegalArgumentException("task " + name + " has no class '" + cls + "'; classes: " + classes);
        return i;
    }
}
