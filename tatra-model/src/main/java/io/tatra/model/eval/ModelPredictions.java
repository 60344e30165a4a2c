package io.tatra.model.eval;

import io.tatra.forecast.ClassCalibration;
import io.tatra.forecast.Forecasts;
import io.tatra.model.TatraModel;
import io.tatra.model.task.TargetScale;
import io.tatra.model.task.Task;
import io.tatra.model.task.TaskKind;
import io.tatra.model.train.Inference;
import io.tatra.model.train.Samples;

import java.util.Map;

/**
 * A model's head outputs turned into engine-neutral {@link Forecasts} in label units (class probabilities by
 * softmax in the order of the task's {@link io.tatra.forecast.TaskSpec}, calibrated when the head has a
 * {@link ClassCalibration}; volatility, return, event probability).
 */
public final class ModelPredictions {
    private ModelPredictions() {}

    /** Every head of the model on these windows. */
    public static Forecasts of(TatraModel model, Samples test) {
        Map<String, float[]> raw = Inference.outputs(model, test, 256);
        Forecasts p = Forecasts.none(test.size());
        for (Task t : model.tasks()) p = with(p, t, raw.get(t.name()), model.scale(t.name()), model.calibration(t.name()));
        return p;
    }

    /** Adds one head's forecasts from its raw outputs ({@code [n × outputs]}); a class head's calibration (null: none) applied. */
    public static Forecasts with(Forecasts p, Task t, float[] raw, TargetScale scale, ClassCalibration calibration) {
        return p.with(t.spec(), t.kind() == TaskKind.CLASSES ? probabilities(raw, t.classes(), calibration) : single(raw, t.kind(), scale));
    }

    /** Row-wise softmax of {@code [n × k]} logits, then the calibration when there is one. */
    public static double[] probabilities(float[] logits, int k, ClassCalibration calibration) {
        double[] p = softmax(logits, k);
        return calibration == null ? p : calibration.applyRows(p);
    }

    /** Row-wise softmax of {@code [n × k]} logits. */
    public static double[] softmax(float[] logits, int k) { return ClassCalibration.softmaxRows(logits, k); }

    private static double[] single(float[] raw, TaskKind kind, TargetScale s) {
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = kind.predict(raw[i], s);
        return out;
    }
}
