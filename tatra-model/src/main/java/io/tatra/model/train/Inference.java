package io.tatra.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tatra.model.TatraModel;
import io.tatra.model.task.Task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Forward passes in inference mode (no dropout, no gradients), in batches. */
public final class Inference {
    private Inference() {}

    /** Each head's raw outputs, {@code [samples × outputs]} row-major, in the model's task order. */
    public static Map<String, float[]> outputs(TatraModel model, Samples data, int batch) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Task t : model.tasks()) out.put(t.name(), new float[Math.multiplyExact(data.size(), t.outputs())]);
        forEachBatch(model, data, batch, (from, positions, sub, x) -> {
            TatraModel.Forward fw = model.forward(x, false);
            for (Task t : model.tasks()) {
                float[] v = fw.outputs().get(t.name()).toFloatArray();
                System.arraycopy(v, 0, out.get(t.name()), from * t.outputs(), v.length);
            }
        });
        return out;
    }

    /** The encoder's representations, {@code [samples × embedding]}. */
    public static float[] representations(TatraModel model, Samples data, int batch) {
        int e = model.config().encoder().embedding();
        float[] out = new float[Math.multiplyExact(data.size(), e)];
        forEachBatch(model, data, batch, (from, positions, sub, x) -> {
            NDList enc = model.encode(x, false);
            float[] v = enc.get(0).toFloatArray();
            System.arraycopy(v, 0, out, from * e, v.length);
        });
        return out;
    }

    /** Mean losses per task and every head's raw outputs, from one forward pass per batch. */
    public record Evaluated(Map<String, Double> losses, Map<String, float[]> outputs) {}

    /** {@link #losses} and {@link #outputs} together, at the cost of one of them. */
    public static Evaluated evaluate(TatraModel model, Samples data, int batch) {
        List<Task> tasks = model.tasks();
        double[] sum = new double[tasks.size()];
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Task t : tasks) out.put(t.name(), new float[Math.multiplyExact(data.size(), t.outputs())]);
        forEachBatch(model, data, batch, (from, positions, sub, x) -> {
            TatraModel.Forward fw = model.forward(x, false);
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                NDArray o = fw.outputs().get(t.name());
                sum[i] += t.kind().loss(o, sub.create(data.targets(t, positions)), model.scale(t.name())).getFloat() * positions.length;
                float[] v = o.toFloatArray();
                System.arraycopy(v, 0, out.get(t.name()), from * t.outputs(), v.length);
            }
        });
        Map<String, Double> losses = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) losses.put(tasks.get(i).name(), sum[i] / data.size());
        return new Evaluated(losses, out);
    }

    /** Mean unweighted loss per task over all samples. */
    public static Map<String, Double> losses(TatraModel model, Samples data, int batch) {
        List<Task> tasks = model.tasks();
        double[] sum = new double[tasks.size()];
        forEachBatch(model, data, batch, (from, positions, sub, x) -> {
            TatraModel.Forward fw = model.forward(x, false);
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                NDArray l = t.kind().loss(fw.outputs().get(t.name()), sub.create(data.targets(t, positions)), model.scale(t.name()));
                sum[i] += l.getFloat() * positions.length;
            }
        });
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) out.put(tasks.get(i).name(), sum[i] / data.size());
        return out;
    }

    interface BatchBody { void run(int from, int[] positions, NDManager sub, NDArray x); }

    static void forEachBatch(TatraModel model, Samples data, int batch, BatchBody body) {
        int w = data.window(), f = model.config().encoder().features();
        for (int from = 0; from < data.size(); from += batch) {
            int n = Math.min(batch, data.size() - from);
            int[] positions = new int[n];
            for (int i = 0; i < n; i++) positions[i] = from + i;
            try (NDManager sub = model.manager().newSubManager()) {
                body.run(from, positions, sub, sub.create(data.inputs(positions), new Shape(n, w, f)));
            }
        }
    }
}
