package io.tatra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.tatra.model.nn.Head;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.nn.UniversalEncoder;
import io.tatra.model.task.TargetScale;
import io.tatra.model.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unified model in memory: one universal encoder and one small head per task, on a native (PyTorch) NDManager
 * that this object owns. Parameters are created deterministically from a seed.
 */
public final class TatraModel implements AutoCloseable {
    private final ModelConfig config;
    private final NDManager manager;
    private final UniversalEncoder encoder;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, SequentialBlock> heads = new LinkedHashMap<>();
    private final Map<String, TargetScale> scales = new LinkedHashMap<>();
    private final Map<String, io.tatra.forecast.ClassCalibration> calibrations = new LinkedHashMap<>();
    private final ParameterStore store;

    private TatraModel(ModelConfig config) {
        this.config = config;
        this.manager = NDManager.newBaseManager("PyTorch");
        this.encoder = new UniversalEncoder(config.encoder());
        this.store = new ParameterStore(manager, false);
    }

    /** A fresh model with random weights from {@code seed}; every head starts with an identity target scale. */
    public static TatraModel create(ModelConfig config, List<Task> tasks, long seed) {
        TatraModel m = new TatraModel(config);
        Torch.seed(seed);
        m.encoder.initialize(m.manager, DataType.FLOAT32, m.inputShape());
        for (Task t : tasks) m.addHead(t, TargetScale.IDENTITY, seed + 1 + m.heads.size());
        m.trainable(m.encoder.getParameters(), true);
        return m;
    }

    /** Adds a freshly initialized head (seeded) for a task; replaces nothing. */
    public SequentialBlock addHead(Task task, TargetScale scale, long seed) {
        if (heads.containsKey(task.name())) throw new IllegalArgumentException("the model already has a '" + task.name() + "' head");
        Torch.seed(seed);
        SequentialBlock head = Head.create(config.headHidden(), task.outputs());
        head.initialize(manager, DataType.FLOAT32, new Shape(1, config.encoder().embedding()));
        trainable(head.getParameters(), true);
        tasks.put(task.name(), task);
        heads.put(task.name(), head);
        scales.put(task.name(), scale);
        return head;
    }

    public void setScale(String task, TargetScale scale) {
        requireTask(task);
        scales.put(task, scale);
    }

    /**
     * Sets the post-hoc calibration of a class head (fitted on validation data), applied wherever its outputs become
     * probabilities ({@code ModelPredictions}, {@code ModelForecaster}); null removes it.
     */
    public void setCalibration(String task, io.tatra.forecast.ClassCalibration c) {
        Task t = requireTask(task);
        if (c == null) { calibrations.remove(task); return; }
        if (t.kind() != io.tatra.model.task.TaskKind.CLASSES || c.classes() != t.classes())
            throw new IllegalArgumentException("a " + c.classes() + "-class calibration does not fit head '" + task + "' (" + t.kind() + ", " + t.classes() + " classes)");
        calibrations.put(task, c);
    }

    /** The head's calibration, or null when it has none (raw softmax). */
    public io.tatra.forecast.ClassCalibration calibration(String task) { return calibrations.get(requireTask(task).name()); }

    /** The forward pass: the representation, the encoder's sequence output and each head's raw output. */
    public record Forward(NDArray representation, NDArray sequence, Map<String, NDArray> outputs) {}

    public Forward forward(NDArray x, boolean training) {
        NDList enc = encoder.forward(store, new NDList(x), training);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (var e : heads.entrySet()) out.put(e.getKey(), head(e.getValue(), enc.get(0), training));
        return new Forward(enc.get(0), enc.get(1), out);
    }

    /**
     * The one-window inference path over a copy of the current weights, heads in {@link #tasks()} order, or null when
     * the model has none (an LSTM encoder). The caller closes it (or this model does).
     */
    public io.tatra.model.nn.WindowForward windowForward() {
        return io.tatra.model.nn.WindowForward.of(manager, encoder, List.copyOf(heads.values()));
    }

    /**
     * The fastest one-window path this JVM offers over a copy of the current weights: {@link io.tatra.model.nn.VectorForward}
     * where the Vector API is there, else {@link #windowForward()}; null for an LSTM encoder. The caller closes it.
     */
    public io.tatra.model.nn.WindowPass windowPass() {
        io.tatra.model.nn.WindowForward wf = windowForward();
        if (wf == null || !io.tatra.model.nn.VectorForward.available()) return wf;
        try (wf) {
            return io.tatra.model.nn.VectorForward.of(wf);
        }
    }

    /** The encoder alone: {@code (representation, sequence)}. */
    public NDList encode(NDArray x, boolean training) { return encoder.forward(store, new NDList(x), training); }

    public NDArray head(String task, NDArray representation, boolean training) {
        return head(heads.get(requireTask(task).name()), representation, training);
    }

    private NDArray head(SequentialBlock h, NDArray representation, boolean training) {
        return h.forward(store, new NDList(representation), training).singletonOrThrow();
    }

    public List<Parameter> encoderParameters() { return values(encoder.getParameters()); }

    public List<Parameter> headParameters(String task) { return values(heads.get(requireTask(task).name()).getParameters()); }

    /** Turns gradient tracking of the encoder on or off (off = frozen). */
    public void freezeEncoder(boolean frozen) { trainable(encoder.getParameters(), !frozen); }

    public long encoderParameterCount() { return count(encoderParameters()); }

    public long headParameterCount(String task) { return count(headParameters(task)); }

    public List<Task> tasks() { return List.copyOf(tasks.values()); }

    public Task task(String name) { return requireTask(name); }

    public TargetScale scale(String task) { return scales.get(requireTask(task).name()); }

    public ModelConfig config() { return config; }

    public NDManager manager() { return manager; }

    public UniversalEncoder encoder() { return encoder; }

    public SequentialBlock headBlock(String task) { return heads.get(requireTask(task).name()); }

    public Shape inputShape() { return new Shape(1, config.encoder().window(), config.encoder().features()); }

    private Task requireTask(String name) {
        Task t = tasks.get(name);
        if (t == null) throw new IllegalArgumentException("the model has no '" + name + "' head; it has: " + String.join(", ", tasks.keySet()));
        return t;
    }

    private void trainable(ai.djl.nn.ParameterList params, boolean on) {
        for (Pair<String, Parameter> p : params) p.getValue().getArray().setRequiresGradient(on);
    }

    private static List<Parameter> values(ai.djl.nn.ParameterList params) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : params) out.add(p.getValue());
        return out;
    }

    private static long count(List<Parameter> ps) {
        long n = 0;
        for (Parameter p : ps) n += p.getArray().getShape().size();
        return n;
    }

    @Override
    public void close() { manager.close(); }
}
