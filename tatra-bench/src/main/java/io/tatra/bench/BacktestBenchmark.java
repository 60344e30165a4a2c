package io.tatra.bench;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.Backtester;
import io.tatra.trading.SignalStrategy;
import io.tatra.decision.Action;
import io.tatra.decision.TradeDecision;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.openjdk.jmh.annotations.*;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Backtest throughput with precomputed signals, in bars per second (one operation = one bar): 1,000,000 hourly
 * bars of one perpetual with funding, a decision every 8 bars on average (long, short or flat, with stops), Bybit
 * costs, next-open fills. Run: {@code scripts/bench-backtest.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class BacktestBenchmark {
    static final int BARS = 1_000_000;

    MarketFrame frame;
    SignalStrategy strategy;
    Backtester backtester = new Backtester(BacktestConfig.defaults());

    @Setup(Level.Trial)
    public void setup() {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, BARS, Interval.H1, 7));
        BarSeries bars = m.series(m.config().symbols().get(0));
        frame = new MarketFrame(bars, m.funding().get(bars.symbol()), List.of(), null);
        Random r = new Random(1);
        TradeDecision[] d = new TradeDecision[BARS];
        Action[] actions = Action.values();
        for (int i = 0; i < BARS; i++) {
            if (r.nextInt(8) != 0) continue;
            Action a = actions[r.nextInt(3)];
            d[i] = new TradeDecision(a, 0.6, a == Action.FLAT ? 0 : 0.5, 0.02, 0.03, 1, "", Map.of());
        }
        strategy = new SignalStrategy(Map.of(bars.symbol(), d), Map.of());
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public BacktestResult replay() { return backtester.run(List.of(frame), strategy); }
}
