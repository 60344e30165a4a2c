package io.tatra.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.tatra.model.TatraModel;
import io.tatra.model.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains every head of a {@link TatraModel} together on one shared encoder, with the selected loss balancing
 * ({@link Balance}), early stopping on the validation losses and the best epoch's weights restored at the end. When
 * the configuration calibrates, early stopping counts each class head's validation loss after calibration: issue 17's
 * learning curves showed the regime head's raw loss rising from the first epoch (overconfidence) and deciding the
 * epoch for every head while direction was still improving.
 */
public final class MultiTaskTrainer {
    private final TatraModel model;
    private final TrainConfig cfg;
    private final List<Task> tasks;
    private final List<Parameter> shared, all;
    private final Map<String, List<Parameter>> headParams = new LinkedHashMap<>();
    private final LossBalancer balancer;
    private final OptimStep optim;
    private final Random random;
    private java.util.function.Consumer<String> progress;
    /** Seconds between two batch-progress lines inside an epoch. */
    static final double PROGRESS_SECONDS = 10;

    public MultiTaskTrainer(TatraModel model, TrainConfig cfg) {
        this.model = model;
        this.cfg = cfg;
        this.tasks = model.tasks();
        this.shared = model.encoderParameters();
        this.all = new ArrayList<>(shared);
        for (Task t : tasks) {
            headParams.put(t.name(), model.headParameters(t.name()));
            all.addAll(headParams.get(t.name()));
        }
        this.balancer = new LossBalancer(cfg.balance(), tasks.size(), model.manager());
        this.all.addAll(balancer.parameters());
        this.optim = new OptimStep(cfg.learningRate(), cfg.weightDecay(), cfg.gradClip());
        this.random = new Random(cfg.seed());
    }

    /** The outcome: per-epoch logs, the best epoch (1-based) and its validation loss, total seconds and steps. */
    public record Result(List<EpochLog> epochs, int bestEpoch, double bestValidationLoss, double seconds, long steps) {}

    /** Where to say, every {@link #PROGRESS_SECONDS} s inside a long epoch, how many batches are done and the time left. */
    public MultiTaskTrainer withProgress(java.util.function.Consumer<String> p) {
        this.progress = p;
        return this;
    }

    public Result train(Samples train, Samples validation, Consumer<EpochLog> log) {
        if (train.size() < cfg.batchSize()) throw new IllegalArgumentException("only " + train.size() + " training windows for batches of " + cfg.batchSize());
        if (validation.size() == 0) throw new IllegalArgumentException("the validation part is empty");
        long start = System.nanoTime(), steps = 0;
        List<EpochLog> logs = new ArrayList<>();
        try (EarlyStopping stopping = new EarlyStopping(all, cfg.patience())) {
            for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                long t0 = System.nanoTime();
                balancer.startEpoch();
                double[] sum = new double[tasks.size()];
                int batches = 0, conflicts = 0, pairs = 0;
                List<int[]> epochBatches = batches(train.size());
                io.tatra.Eta batchEta = new io.tatra.Eta(epochBatches.size());
                long lastLine = System.nanoTime();
                for (int[] batch : epochBatches) {
                    StepResult r = step(train, batch);
                    if (progress != null && (System.nanoTime() - lastLine) / 1e9 >= PROGRESS_SECONDS) {
                        progress.accept("epoch " + epoch + ": " + batchEta.at(batches + 1, "batches"));
                        lastLine = System.nanoTime();
                    }
                    for (int i = 0; i < sum.length; i++) sum[i] += r.losses[i];
                    conflicts += r.conflicts;
                    pairs += r.pairs;
                    batches++;
                    steps++;
                }
                Map<String, Double> trainLoss = new LinkedHashMap<>();
                for (int i = 0; i < tasks.size(); i++) trainLoss.put(tasks.get(i).name(), sum[i] / batches);
                balancer.endEpoch(sum, batches);
                // with calibration on, a class head counts with the loss it will have once calibrated (see Calibrate.calibratedLosses),
                // from the same forward pass as the raw losses
                Inference.Evaluated ev = cfg.calibrate() ? Inference.evaluate(model, validation, 256) : null;
                Map<String, Double> valLoss = ev != null ? ev.losses() : Inference.losses(model, validation, 256);
                Map<String, Double> criterion = new LinkedHashMap<>(valLoss);
                if (ev != null) criterion.putAll(Calibrate.calibratedLosses(model, validation, ev.outputs()));
                double total = criterion.values().stream().mapToDouble(Double::doubleValue).sum();
                EpochLog e = new EpochLog(epoch, trainLoss, valLoss, balancer.weights(tasks), pairs == 0 ? Double.NaN : (double) conflicts / pairs,
                        total, (System.nanoTime() - t0) / 1e9);
                logs.add(e);
                if (log != null) log.accept(e);
                if (stopping.stop(epoch, total)) break;
            }
            stopping.restoreBest();
            return new Result(logs, stopping.bestEpoch(), stopping.bestLoss(), (System.nanoTime() - start) / 1e9, steps);
        }
    }

    /**
     * One optimizer step on the windows at {@code batch} (positions in {@code data}), outside any epoch
     * bookkeeping; returns the per-task losses. For benchmarks and custom training loops.
     */
    public double[] trainStep(Samples data, int[] batch) { return step(data, batch).losses(); }

    private List<int[]> batches(int n) {
        int b = cfg.batchSize();
        int[] order = Shuffle.permutation(n, random);
        int count = n / b;
        if (cfg.maxBatchesPerEpoch() > 0) count = Math.min(count, cfg.maxBatchesPerEpoch());
        List<int[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) out.add(java.util.Arrays.copyOfRange(order, k * b, (k + 1) * b));
        return out;
    }

    private record StepResult(double[] losses, int conflicts, int pairs) {}

    /** One optimizer step on one batch. */
    private StepResult step(Samples data, int[] batch) {
        int w = data.window(), f = model.config().encoder().features();
        float[] x = data.inputs(batch);
        double[] losses = new double[tasks.size()];
        int conflicts = 0, pairs = 0;
        try (NDManager sub = model.manager().newSubManager()) {
            Autograd.zero(all);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                TatraModel.Forward fw = model.forward(sub.create(x, new Shape(batch.length, w, f)), true);
                NDArray[] taskLoss = new NDArray[tasks.size()];
                for (int i = 0; i < tasks.size(); i++) {
                    Task t = tasks.get(i);
                    NDArray target = sub.create(data.targets(t, batch));
                    taskLoss[i] = t.kind().loss(fw.outputs().get(t.name()), target, model.scale(t.name()));
                    losses[i] = taskLoss[i].getFloat();
                }
                if (!cfg.balance().needsTaskGradients()) {
                    Autograd.backward(balancer.combine(taskLoss), false);
                } else {
                    float[][] g = new float[tasks.size()][];
                    for (int i = 0; i < tasks.size(); i++) {
                        Autograd.zero(shared);
                        Autograd.backward(taskLoss[i], i < tasks.size() - 1);
                        g[i] = Autograd.read(shared);
                    }
                    float[] combined;
                    if (cfg.balance() == Balance.PCGRAD) {
                        PcGrad.Result r = PcGrad.combine(g, random);
                        combined = r.gradient();
                        conflicts = r.conflicts();
                        pairs = r.pairs();
                    } else {
                        combined = balancer.gradNorm(g, losses);
                        for (int i = 0; i < tasks.size(); i++)
                            Autograd.scale(headParams.get(tasks.get(i).name()), (float) balancer.weight(i));
                    }
                    Autograd.write(shared, combined);
                }
            }
            optim.step(all);
        }
        return new StepResult(losses, conflicts, pairs);
    }
}
