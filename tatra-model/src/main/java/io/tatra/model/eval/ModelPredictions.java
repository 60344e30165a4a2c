package io.tatra.model.eval;

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
 * softmax in the order of the task's {@link io.tatra.forecast.TaskSpec}, volatility, return, event probability).
 */
public final class ModelPredictions {
    private ModelPredictions() {}

    /** Every head of the model on these windows. */
    public static Forecasts of(TatraModel model, Samples test) {
        Map<String, float[]> raw = Inference.outputs(model, test, 256);
        Forecasts p = Forecasts.none(test.size());
        for (Task t : model.tasks()) p = with(p, t, raw.get(t.name()), model.scale(t.name()));
        return p;
    }

    /** Adds one head's forecasts from its raw outputs ({@code [n × outputs]}). */
    public static Forecasts with(Forecasts p, Task t, float[] raw, TargetScale scale) {
        return p.with(t.spec(), t.kind() == TaskKind.CLASSES ? softmax(raw, t.classes()) : single(raw, t.kind(), scale));
    }

    /** Row-wise softmax of {@code [n × k]} logits. */
    public static double[] softmax(float[] logits, int k) {
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i += k) {
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (int c = 0; c < k; c++) max = Math.max(max, logits[i + c]);
            for (int c = 0; c < k; c++) z += out[i + c] = Math.exp(logits[i + c] - max);
            for (int c = 0; c < k; c++) out[i + c] /= z;
        }
        return out;
    }

    private static double[] single(float[] raw, TaskKind kind, TargetScale s) {
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = kind.predict(raw[i], s);
        return out;
    }
}
