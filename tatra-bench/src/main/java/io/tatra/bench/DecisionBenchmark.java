package io.tatra.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.SplitMethod;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.features.Feature;
import io.tatra.features.FeatureConfig;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.TatraModel;
import io.tatra.model.eval.ModelForecaster;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Tasks;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import io.tatra.trading.ModelStrategy;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.TargetOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decision latency: one closed bar in, one fused decision (and its orders) out, through {@link ModelStrategy} —
 * feature stream, saved normalization, rolling window, one forward pass of the default-size model (encoder + four
 * heads), fusion. {@code forwardOnly} is the forward pass alone on the same window through the training graph, the
 * reference measured in the same run; {@code windowForwardOnly} the one-window path through PyTorch, {@code vectorForwardOnly}
 * the same in Java on the Vector API (what the strategy's forecaster takes when the module is there), on one window of
 * seeded Gaussian values.
 * One PyTorch thread (serving). Run: {@code scripts/bench-decision.sh}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class DecisionBenchmark {
    static final int BARS = 120_000;
    static final PortfolioView FLAT = new PortfolioView() {
        @Override public double equity() { return 10_000; }
        @Override public double position(Symbol s) { return 0; }
    };

    TatraModel model;
    ModelStrategy strategy;
    BarSeries bars;
    float[] window;
    int next;

    @Setup(Level.Trial)
    public void setup() {
        Torch.configure(1, 1);
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, BARS, Interval.H1, 11));
        Symbol s = m.config().symbols().get(0);
        bars = m.series(s);
        Dataset ds = DatasetBuilder.build(List.of(MarketFrame.of(bars.range(0, 4000))), Map.of(), DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD), line -> {});
        model = TatraModel.create(ModelConfig.defaults(96, Feature.COUNT), Tasks.CORE, 1);
        windowForward = model.windowForward();
        vectorForward = io.tatra.model.nn.VectorForward.of(windowForward);
        strategy = new ModelStrategy(new ModelForecaster(model), ds.normalizations().get(0), FeatureConfig.DEFAULT, 96, 4,
                new RuleBasedFusion(FusionConfig.defaults()), Map.of(), null);
        next = strategy.barsNeeded() - 1;
        for (int i = 0; i < next; i++) strategy.observe(bars, i);
        window = new float[96 * Feature.COUNT];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < window.length; i++) window[i] = (float) r.nextGaussian();
        for (int i = 0; i < series.length; i++) series[i] = (float) r.nextGaussian();
    }

    @TearDown(Level.Trial)
    public void close() { model.close(); }

    private io.tatra.model.nn.WindowForward windowForward;
    private io.tatra.model.nn.VectorForward vectorForward;
    private static final int SERIES = 10_000;
    private final float[] series = new float[SERIES * Feature.COUNT], slidingWindow = new float[96 * Feature.COUNT];
    private int slide;

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<TargetOrder> closedBarToDecision() {
        if (next >= bars.size()) throw new IllegalStateException("benchmark ran past " + BARS + " bars; raise BARS");
        return strategy.onBar(bars, next++, FLAT);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float forwardOnly() {
        try (NDManager sub = model.manager().newSubManager()) {
            return model.forward(sub.create(window, new Shape(1, 96, Feature.COUNT)), false).outputs().get("direction").toFloatArray()[0];
        }
    }

    /** The one-window path the strategy's forecaster takes ({@code WindowForward}: every head's outputs, one copy back). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float windowForwardOnly() { return windowForward.forward(window)[0]; }

    /**
     * The Vector API path on a symbol's successive windows (each the last moved on by one step, as a live engine's bars
     * are): the convolutions shift the kept rows and compute only the edges. A 10,000-step series, restarted at its end.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float vectorForwardSliding() {
        if (slide + 96 > SERIES) slide = 0;
        System.arraycopy(series, slide++ * Feature.COUNT, slidingWindow, 0, slidingWindow.length);
        return vectorForward.forward(slidingWindow)[0];
    }

    /** The same path in Java on the Vector API ({@code VectorForward}), the same window every call: computed in full. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float vectorForwardOnly() { return vectorForward.forward(window)[0]; }
}
