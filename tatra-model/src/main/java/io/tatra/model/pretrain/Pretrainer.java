package io.tatra.model.pretrain;

import io.tatra.model.nn.Scalar;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.SymbolData;
import io.tatra.features.Feature;
import io.tatra.model.TatraModel;
import io.tatra.model.nn.Head;
import io.tatra.model.nn.Torch;
import io.tatra.model.train.Autograd;
import io.tatra.model.train.OptimStep;
import io.tatra.model.train.Samples;
import io.tatra.model.train.Shuffle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Self-supervised pre-training of the encoder, without labels, on training windows only. The helper blocks
 * (reconstruction layer, projection head, order classifier) live only here and are discarded afterwards.
 */
public final class Pretrainer {
    private final TatraModel model;
    private final PretrainConfig cfg;
    private final Linear reconstruct;
    private final SequentialBlock projection, orderHead;
    private final ParameterStore store;
    private final List<Parameter> params = new ArrayList<>();
    private final Random random;

    public Pretrainer(TatraModel model, PretrainConfig cfg) {
        this.model = model;
        this.cfg = cfg;
        this.random = new Random(cfg.seed());
        var ec = model.config().encoder();
        NDManager m = model.manager();
        Torch.seed(cfg.seed());
        reconstruct = Linear.builder().setUnits(ec.features()).build();
        reconstruct.initialize(m, DataType.FLOAT32, new Shape(1, ec.window(), ec.modelDim()));
        projection = Head.create(ec.embedding(), 64);
        projection.initialize(m, DataType.FLOAT32, new Shape(1, ec.embedding()));
        orderHead = Head.create(32, 1);
        orderHead.initialize(m, DataType.FLOAT32, new Shape(1, 2L * ec.embedding()));
        store = new ParameterStore(m, false);
        params.addAll(model.encoderParameters());
        for (var block : List.of(reconstruct, projection, orderHead))
            for (Pair<String, Parameter> p : block.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
                params.add(p.getValue());
            }
    }

    /** Mean loss of each objective per epoch. */
    public record EpochLoss(int epoch, Map<String, Double> losses, double seconds) {}

    public List<EpochLoss> train(Samples windows, Consumer<EpochLoss> log) {
        Pairs pairs = pairs(windows);
        Samples later = pairs.later(), earlier = pairs.earlier();
        if (later.size() < cfg.batchSize()) throw new IllegalArgumentException("only " + later.size() + " pre-training windows for batches of " + cfg.batchSize());
        OptimStep optim = new OptimStep(cfg.learningRate(), 1e-4, 1.0);
        List<EpochLoss> out = new ArrayList<>();
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            long t0 = System.nanoTime();
            Map<String, Double> sums = new LinkedHashMap<>();
            int batches = (int) Math.min(later.size() / cfg.batchSize(), cfg.maxBatchesPerEpoch() == 0 ? Long.MAX_VALUE : cfg.maxBatchesPerEpoch());
            int[] order = Shuffle.permutation(later.size(), random);
            for (int k = 0; k < batches; k++) {
                int[] idx = java.util.Arrays.copyOfRange(order, k * cfg.batchSize(), (k + 1) * cfg.batchSize());
                Map<String, Double> l = step(later, earlier, idx, optim);
                l.forEach((name, v) -> sums.merge(name, v, Double::sum));
            }
            Map<String, Double> mean = new LinkedHashMap<>();
            sums.forEach((name, v) -> mean.put(name, v / batches));
            EpochLoss e = new EpochLoss(epoch, mean, (System.nanoTime() - t0) / 1e9);
            out.add(e);
            if (log != null) log.accept(e);
        }
        return out;
    }

    private Map<String, Double> step(Samples later, Samples earlier, int[] idx, OptimStep optim) {
        var ec = model.config().encoder();
        int b = idx.length;
        Shape shape = new Shape(b, ec.window(), ec.features());
        Map<String, Double> losses = new LinkedHashMap<>();
        try (NDManager sub = model.manager().newSubManager()) {
            NDArray x = sub.create(later.inputs(idx), shape);
            Autograd.zero(params);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray total = null;
                if (cfg.objectives().contains(Objective.MASKED)) {
                    NDArray mask = sub.create(bernoulli(b * ec.window(), cfg.maskRate()), new Shape(b, ec.window(), 1));
                    NDArray seq = model.encode(x.mul(mask.neg().add(Scalar.of(x, 1))), true).get(1);
                    NDArray rec = reconstruct.forward(store, new NDList(seq), true).singletonOrThrow();
                    NDArray err = rec.sub(x).square().mean(new int[]{2}, true).mul(mask);
                    NDArray l = err.sum().div(mask.sum().maximum(Scalar.of(x, 1)));
                    losses.put("masked", (double) l.getFloat());
                    total = l;
                }
                if (cfg.objectives().contains(Objective.CONTRASTIVE)) {
                    NDArray z1 = project(augment(x, sub)), z2 = project(augment(x, sub));
                    NDArray logits = z1.matMul(z2.transpose()).div(Scalar.of(x, cfg.temperature()));
                    NDArray eye = sub.eye(b);
                    NDArray l = ce(logits, eye).add(ce(logits.transpose(), eye)).div(Scalar.of(x, 2));
                    losses.put("contrastive", (double) l.getFloat());
                    total = total == null ? l : total.add(l);
                }
                if (cfg.objectives().contains(Objective.ORDER)) {
                    NDArray a = model.encode(x, true).get(0);
                    NDArray e = model.encode(sub.create(earlier.inputs(idx), shape), true).get(0);
                    float[] swap = bernoulli(b, 0.5);                     // 1: shown as (later, earlier)
                    NDArray s = sub.create(swap, new Shape(b, 1));
                    NDArray notS = s.neg().add(Scalar.of(x, 1));
                    NDArray first = e.mul(notS).add(a.mul(s)), second = a.mul(notS).add(e.mul(s));
                    NDArray z = orderHead.forward(store, new NDList(NDArrays.concat(new NDList(first, second), 1)), true).singletonOrThrow().squeeze(1);
                    NDArray y = sub.create(swap);
                    NDArray l = io.tatra.model.task.TaskKind.logistic(z, y);
                    losses.put("order", (double) l.getFloat());
                    total = total == null ? l : total.add(l);
                }
                Autograd.backward(total, false);
            }
            optim.step(params);
        }
        return losses;
    }

    private NDArray project(NDArray x) {
        NDArray z = projection.forward(store, new NDList(model.encode(x, true).get(0)), true).singletonOrThrow();
        return z.div(z.square().sum(new int[]{1}, true).add(Scalar.of(z, 1e-8)).sqrt());   // finite gradient even at z = 0
    }

    /** Jitter (σ 0.1), per-window per-feature scaling (1 ± 0.1) and 10 % of steps zeroed. */
    private NDArray augment(NDArray x, NDManager sub) {
        Shape s = x.getShape();
        NDArray scale = sub.create(gaussian(s.get(0) * s.get(2), 0.1, 1), new Shape(s.get(0), 1, s.get(2)));
        NDArray jitter = sub.create(gaussian(s.size(), 0.1, 0), s);
        NDArray keep = sub.create(bernoulli(s.get(0) * s.get(1), 0.9), new Shape(s.get(0), s.get(1), 1));
        return x.mul(scale).add(jitter).mul(keep);
    }

    private static NDArray ce(NDArray logits, NDArray oneHot) { return logits.logSoftmax(1).mul(oneHot).sum(new int[]{1}).neg().mean(); }

    private float[] bernoulli(long n, double p) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = random.nextDouble() < p ? 1 : 0;
        return v;
    }

    private float[] gaussian(long n, double sd, double mean) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (mean + sd * random.nextGaussian());
        return v;
    }

    /** Windows aligned with their partners {@code orderGap} bars earlier. */
    private record Pairs(Samples later, Samples earlier) {}

    /** The windows whose partner {@code orderGap} bars earlier (same symbol, same gap-free run) is a full window, with those partners. */
    private Pairs pairs(Samples windows) {
        List<Dataset.Sample> partner = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        int need = Feature.maxWarmup() + windows.window() - 1, gap = cfg.orderGap();
        for (int i = 0; i < windows.size(); i++) {
            Dataset.Sample s = windows.list().get(i);
            SymbolData d = windows.symbols().get(s.symbol());
            int r = s.row() - gap;
            if (r >= 0 && d.runIndex()[r] >= need && d.runIndex()[r] == d.runIndex()[s.row()] - gap) {
                partner.add(new Dataset.Sample(s.symbol(), r));
                keep.add(i);
            }
        }
        return new Pairs(windows.subset(keep.stream().mapToInt(Integer::intValue).toArray()),
                new Samples(windows.symbols(), windows.normalization(), windows.window(), partner));
    }
}
