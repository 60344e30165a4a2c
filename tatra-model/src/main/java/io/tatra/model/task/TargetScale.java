package io.tatra.model.task;

/** A task's target scaling fitted on training labels only: {@code z = (y - center) / scale}. */
public record TargetScale(double center, double scale) {
    public static final TargetScale IDENTITY = new TargetScale(0, 1);

    public TargetScale {
        if (!Double.isFinite(center)) throw new IllegalArgumentException("target center must be finite, got " + center);
        if (!(scale > 0 && Double.isFinite(scale))) throw new IllegalArgumentException("target scale must be > 0, got " + scale);
    }
}
