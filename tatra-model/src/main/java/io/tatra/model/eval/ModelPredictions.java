package io.tatra.model.eval;

import io.tatra.metrics.Predictions;
import io.tatra.model.TatraModel;
import io.tatra.model.task.TargetScale;
import io.tatra.model.task.Task;
import io.tatra.model.task.TaskKind;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Inference;
import io.tatra.model.train.Samples;

import java.util.Map;

/** A model's head outputs turned into forecasts in label units (probabilities, volatility, return). */
public final class ModelPredictions {
    private ModelPredictions() {}

    /** The core tasks the model has heads for; other heads are ignored. */
    public static Predictions of(TatraModel model, Samples test) {
        Map<String, float[]> raw = Inference.outputs(model, test, 256);
        Predictions p = Predictions.none();
        for (Task t : model.tasks()) p = with(p, t, raw.get(t.name()), model.scale(t.name()));
        return p;
    }

    /** Adds one core task's forecasts from its head's raw outputs ({@code [n × outputs]}). */
    public static Predictions with(Predictions p, Task t, float[] raw, TargetScale scale) {
        if (t.equals(Tasks.DIRECTION)) return p.withDirection(softmax(raw, 3));
        if (t.equals(Tasks.REGIME)) return p.withRegime(softmax(raw, 3));
        if (t.equals(Tasks.VOLATILITY)) return p.withVolatility(single(raw, TaskKind.LOG_VARIANCE, scale));
        if (t.equals(Tasks.RETURN)) return p.withReturn(single(raw, TaskKind.ROBUST_REGRESSION, scale));
        return p;
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
