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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains one new head on a frozen encoder: the encoder runs once, in inference mode, over the training and
 * validation windows; only the head's parameters are updated, on the cached representations. The encoder's
 * weights are untouched (tested bit for bit).
 */
public final class HeadTrainer {
    private HeadTrainer() {}

    /** Epoch logs, the best epoch, seconds spent encoding and in total. */
    public record Result(List<EpochLog> epochs, int bestEpoch, double bestValidationLoss, double encodeSeconds, double seconds) {}

    public static Result train(TatraModel model, Task task, Samples train, Samples validation, TrainConfig cfg, Consumer<EpochLog> log) {
        long start = System.nanoTime();
        model.freezeEncoder(true);
        float[] trainRep = Inference.representations(model, train, 256), valRep = Inference.representations(model, validation, 256);
        double encodeSeconds = (System.nanoTime() - start) / 1e9;
        Result r = train(model, task, trainRep, train.targets(task, train.all()), valRep, validation.targets(task, validation.all()), cfg, log);
        return new Result(r.epochs(), r.bestEpoch(), r.bestValidationLoss(), encodeSeconds, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Trains the head on representations already computed by the frozen encoder ({@code [n × embedding]}) and
     * the task's targets; several heads can share one encoding pass this way.
     */
    public static Result train(TatraModel model, Task task, float[] trainRep, float[] trainY, float[] valRep, float[] valY,
                               TrainConfig cfg, Consumer<EpochLog> log) {
        long start = System.nanoTime();
        int e = model.config().encoder().embedding();
        if (trainRep.length != (long) trainY.length * e || valRep.length != (long) valY.length * e)
            throw new IllegalArgumentException("representations and targets disagree in length");
        List<Parameter> params = model.headParameters(task.name());
        OptimStep optim = new OptimStep(cfg.learningRate(), cfg.weightDecay(), cfg.gradClip());
        Random random = new Random(cfg.seed());
        List<EpochLog> logs = new ArrayList<>();
        int n = trainY.length, b = Math.min(cfg.batchSize(), n);
        try (EarlyStopping stopping = new EarlyStopping(params, cfg.patience())) {
            for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                long t0 = System.nanoTime();
                int[] order = Shuffle.permutation(n, random);
                double sum = 0;
                int batches = 0;
                for (int from = 0; from + b <= n; from += b) {
                    int[] idx = Arrays.copyOfRange(order, from, from + b);
                    try (NDManager sub = model.manager().newSubManager()) {
                        Autograd.zero(params);
                        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                            NDArray out = model.head(task.name(), sub.create(rows(trainRep, e, idx), new Shape(b, e)), true);
                            NDArray loss = task.kind().loss(out, sub.create(pick(trainY, idx)), model.scale(task.name()));
                            sum += loss.getFloat();
                            Autograd.backward(loss, false);
                        }
                        optim.step(params);
                    }
                    batches++;
                }
                double val = loss(model, task, valRep, valY, e);
                EpochLog el = new EpochLog(epoch, Map.of(task.name(), sum / Math.max(1, batches)), Map.of(task.name(), val), Map.of(task.name(), 1.0),
                        Double.NaN, val, (System.nanoTime() - t0) / 1e9);
                logs.add(el);
                if (log != null) log.accept(el);
                if (stopping.stop(epoch, val)) break;
            }
            stopping.restoreBest();
            return new Result(logs, stopping.bestEpoch(), stopping.bestLoss(), 0, (System.nanoTime() - start) / 1e9);
        }
    }

    private static double loss(TatraModel model, Task task, float[] rep, float[] y, int e) {
        int n = y.length;
        double sum = 0;
        for (int from = 0; from < n; from += 1024) {
            int m = Math.min(1024, n - from);
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray out = model.head(task.name(), sub.create(Arrays.copyOfRange(rep, from * e, (from + m) * e), new Shape(m, e)), false);
                sum += task.kind().loss(out, sub.create(Arrays.copyOfRange(y, from, from + m)), model.scale(task.name())).getFloat() * m;
            }
        }
        return sum / n;
    }

    private static float[] rows(float[] m, int width, int[] idx) {
        float[] out = new float[idx.length * width];
        for (int i = 0; i < idx.length; i++) System.arraycopy(m, idx[i] * width, out, i * width, width);
        return out;
    }

    private static float[] pick(float[] v, int[] idx) {
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
        return out;
    }
}
