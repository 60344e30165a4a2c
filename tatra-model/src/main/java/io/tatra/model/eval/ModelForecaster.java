package io.tatra.model.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tatra.forecast.Forecast;
import io.tatra.forecast.Forecaster;
import io.tatra.forecast.TaskSpec;
import io.tatra.model.TatraModel;
import io.tatra.model.nn.WindowPass;
import io.tatra.model.task.Task;
import io.tatra.model.task.TaskKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DJL model behind the engine-neutral {@link Forecaster}: one forward pass per window (inference mode), each
 * head's raw output turned into label units — class tasks by softmax (and the head's calibration), in the class order of their
 * {@link TaskSpec}, volatility and return through the head's target scale.
 */
public final class ModelForecaster implements Forecaster {
    private final TatraModel model;
    private final List<TaskSpec> specs = new ArrayList<>();
    private final int window, features;
    private final WindowPass fast;

    /** Forecasts with {@code model}'s weights as they are now (the one-window path copies them; see {@link TatraModel#windowPass()}). */
    public ModelForecaster(TatraModel model) {
        this.model = model;
        for (Task t : model.tasks()) specs.add(t.spec());
        window = model.config().encoder().window();
        features = model.config().encoder().features();
        fast = model.windowPass();
    }

    @Override public List<TaskSpec> tasks() { return List.copyOf(specs); }

    @Override
    public Forecast forecast(float[] x) {
        if (x.length != window * features) throw new IllegalArgumentException("a window is " + window + " × " + features + " values, got " + x.length);
        Map<TaskSpec, double[]> out = new LinkedHashMap<>();
        List<Task> tasks = model.tasks();
        if (fast != null) {
            float[] all = fast.forward(x);
            for (int i = 0, at = 0; i < tasks.size(); at += tasks.get(i).outputs(), i++)
                out.put(specs.get(i), labelUnits(tasks.get(i), java.util.Arrays.copyOfRange(all, at, at + tasks.get(i).outputs())));
            return new Forecast(out);
        }
        try (NDManager sub = model.manager().newSubManager()) {
            TatraModel.Forward fw = model.forward(sub.create(x, new Shape(1, window, features)), false);
            for (int i = 0; i < tasks.size(); i++) out.put(specs.get(i), labelUnits(tasks.get(i), fw.outputs().get(tasks.get(i).name()).toFloatArray()));
        }
        return new Forecast(out);
    }

    /** A head's raw outputs in label units: class probabilities (calibrated), or the target scale's value. */
    private double[] labelUnits(Task t, float[] raw) {
        return t.kind() == TaskKind.CLASSES ? ModelPredictions.probabilities(raw, raw.length, model.calibration(t.name()))
                : new double[]{t.kind().predict(raw[0], model.scale(t.name()))};
    }
}
