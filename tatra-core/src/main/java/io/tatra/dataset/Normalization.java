package io.tatra.dataset;

import io.tatra.features.Feature;

import java.util.Arrays;

/**
 * Robust z-score fitted on one fold's training rows only, then applied unchanged to validation, test and live
 * rows: {@code z = clip((x - center) / scale, ±clip)}; NaN (undefined or missing) becomes 0, the training
 * median; masks and calendar features pass through unchanged. {@code center} is the median, {@code scale}
 * the IQR / 1.349 (falling back to MAD·1.4826, then 1, when the IQR is 0).
 */
public record Normalization(String schemaHash, String fittedOn, long rows, double[] center, double[] scale, double clip) {
    public Normalization {
        if (center.length != Feature.COUNT || scale.length != Feature.COUNT)
            throw new IllegalArgumentException("normalization needs " + Feature.COUNT + " centers and scales, got " + center.length + " and " + scale.length);
        for (int f = 0; f < scale.length; f++)
            if (!(scale[f] > 0) || !Double.isFinite(center[f]))
                throw new IllegalArgumentException("normalization of " + Feature.at(f).id() + ": center " + center[f] + ", scale " + scale[f] + " is invalid");
        if (!(clip > 0)) throw new IllegalArgumentException("clip must be > 0, got " + clip);
    }

    public float apply(int feature, double x) {
        if (Double.isNaN(x)) return 0f;
        if (!Feature.at(feature).normalized()) return (float) x;
        double z = (x - center[feature]) / scale[feature];
        return (float) Math.max(-clip, Math.min(clip, z));
    }

    /** Normalizes one raw row (64 values) into {@code out} at {@code offset}. */
    public void apply(double[] raw, int rawOffset, float[] out, int offset) {
        for (int f = 0; f < Feature.COUNT; f++) out[offset + f] = apply(f, raw[rawOffset + f]);
    }

    public void apply(float[] raw, int rawOffset, float[] out, int offset) {
        for (int f = 0; f < Feature.COUNT; f++) out[offset + f] = apply(f, raw[rawOffset + f]);
    }

    /** Fits on the given raw values, column-major per feature: {@code values[f]} holds feature f's training values. */
    public static Normalization fit(String schemaHash, String fittedOn, double[][] values, long rows, double clip) {
        double[] center = new double[Feature.COUNT], scale = new double[Feature.COUNT];
        for (int f = 0; f < Feature.COUNT; f++) {
            double[] v = Arrays.stream(values[f]).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (!Feature.at(f).normalized() || v.length == 0) {
                center[f] = 0;
                scale[f] = 1;
                continue;
            }
            double med = quantile(v, 0.5);
            double iqr = quantile(v, 0.75) - quantile(v, 0.25);
            double s = iqr / 1.349;
            if (!(s > 0)) {
                double[] dev = Arrays.stream(v).map(d -> Math.abs(d - med)).sorted().toArray();
                s = quantile(dev, 0.5) * 1.4826;
            }
            center[f] = med;
            scale[f] = s > 0 ? s : 1;
        }
        return new Normalization(schemaHash, fittedOn, rows, center, scale, clip);
    }

    /** Linear interpolation between order statistics (type 7) of an ascending array. */
    public static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
