package io.tatra.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.Fold;
import io.tatra.dataset.SplitMethod;
import io.tatra.features.Feature;
import io.tatra.features.MarketFrame;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.TatraModel;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.MultiTaskTrainer;
import io.tatra.model.train.Samples;
import io.tatra.model.train.TrainConfig;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The unified model's costs at the default size (~160k parameters), on synthetic windows [96 × 64]:
 * <ul>
 *   <li>{@code trainStepEw} / {@code trainStepPcgrad}: one optimizer step on a batch of 64 with the summed loss
 *       (one backward) and with PCGrad (one keep-graph backward per task, projection, write-back);</li>
 *   <li>{@code trainStepFourSpecialists}: one step of each of the four single-task models (same encoder size),
 *       so {@code trainStepPcgrad / trainStepFourSpecialists} is the unified-vs-specialists cost per step;</li>
 *   <li>{@code inferOneWindow}: one window through encoder and the four heads, sampled for p50/p99.</li>
 * </ul>
 * PyTorch threads: {@code -p threads=N} (default 1, the serving setting). Run: {@code scripts/bench-model.sh}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED"})
public class ModelBenchmark {
    static final int BATCH = 64;

    @Param({"1"})
    int threads;

    Samples train;
    TatraModel ew, pcgrad;
    MultiTaskTrainer ewTrainer, pcTrainer;
    final List<TatraModel> specialists = new ArrayList<>();
    final List<MultiTaskTrainer> specTrainers = new ArrayList<>();
    int[][] batches;
    int next;
    float[] window;

    @Setup(Level.Trial)
    public void setup() {
        Torch.configure(threads, 1);
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(2, 3000, Interval.H1, 7));
        List<MarketFrame> frames = new ArrayList<>();
        Map<Symbol, List<io.tatra.market.Regime>> truth = new java.util.HashMap<>();
        for (Symbol s : m.config().symbols()) {
            frames.add(new MarketFrame(m.series(s), m.funding().get(s), m.openInterest().get(s), null));
            truth.put(s, m.regimes());
        }
        Dataset ds = DatasetBuilder.build(frames, truth, DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD), line -> {});
        int fold = ds.folds().size() - 1;
        train = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TRAIN)).labelled(Tasks.CORE);
        ModelConfig mc = ModelConfig.defaults(96, Feature.COUNT);
        ew = TatraModel.create(mc, Tasks.CORE, 1);
        pcgrad = TatraModel.create(mc, Tasks.CORE, 1);
        ewTrainer = new MultiTaskTrainer(ew, TrainConfig.defaults(Balance.EW, 1));
        pcTrainer = new MultiTaskTrainer(pcgrad, TrainConfig.defaults(Balance.PCGRAD, 1));
        for (Task t : Tasks.CORE) {
            TatraModel s = TatraModel.create(mc, List.of(t), 1);
            specialists.add(s);
            specTrainers.add(new MultiTaskTrainer(s, TrainConfig.defaults(Balance.EW, 1)));
        }
        Random r = new Random(3);
        batches = new int[64][BATCH];
        for (int[] b : batches) for (int i = 0; i < BATCH; i++) b[i] = r.nextInt(train.size());
        window = train.inputs(new int[]{0});
    }

    private int[] batch() { return batches[next++ & 63]; }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double[] trainStepEw() { return ewTrainer.trainStep(train, batch()); }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double[] trainStepPcgrad() { return pcTrainer.trainStep(train, batch()); }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void trainStepFourSpecialists(Blackhole bh) {
        int[] b = batch();
        for (MultiTaskTrainer t : specTrainers) bh.consume(t.trainStep(train, b));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float inferOneWindow() {
        try (NDManager sub = ew.manager().newSubManager()) {
            TatraModel.Forward f = ew.forward(sub.create(window, new Shape(1, 96, Feature.COUNT)), false);
            float s = 0;
            for (var o : f.outputs().values()) s += o.toFloatArray()[0];
            return s;
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        ew.close();
        pcgrad.close();
        specialists.forEach(TatraModel::close);
    }
}
