package io.tatra.bench;

import io.tatra.features.FeatureEngine;
import io.tatra.features.indicators.Bollinger;
import io.tatra.features.indicators.Macd;
import io.tatra.features.indicators.Rsi;
import io.tatra.features.indicators.Vwap;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNumFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Rows per second on 1,000,000 hourly bars (the score is rows/s: one operation = one bar):
 * <ul>
 *   <li>{@code tatra64}: all 64 features, the full engine;</li>
 *   <li>{@code tatra4}: only RSI(14), MACD(12,26,9), Bollinger %B(20,2) and VWAP(24), Tatra's kernels;</li>
 *   <li>{@code ta4j4}: the same four indicators computed by ta4j 0.22.2 with its fastest number type (DoubleNum),
 *       fresh indicators each invocation so its cache does not carry over.</li>
 * </ul>
 * Run: {@code scripts/bench-features.sh} (builds, then java -jar tatra-bench/target/benchmarks.jar).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx6g", "-Xss16m"})
public class FeatureBenchmark {
    static final int BARS = 1_000_000;

    BarSeries series;
    org.ta4j.core.BarSeries ta;

    @Setup(Level.Trial)
    public void setup() {
        series = MarketGenerator.generate(new SyntheticConfig(SyntheticConfig.defaults(1, BARS, Interval.H1, 7).symbols(), BARS, Interval.H1, 7,
                Instant.parse("2000-01-01T00:00:00Z"), 30, 0.8, 0.5, 4, 0.08, 0.90, 6, 0.04, false, false, 1)).series().values().iterator().next();
        ta = new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).withName("bench").build();
        Duration d = Duration.ofHours(1);
        for (int i = 0; i < series.size(); i++)
            ta.barBuilder().timePeriod(d).endTime(series.openTime(i).plus(d)).openPrice(series.open(i)).highPrice(series.high(i))
                    .lowPrice(series.low(i)).closePrice(series.close(i)).volume(series.volume(i)).add();
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public Object tatra64() {
        return new FeatureEngine().compute(series);
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public void tatra4(Blackhole bh) {
        Rsi rsi = new Rsi(14);
        Macd macd = new Macd(12, 26, 9);
        Bollinger bb = new Bollinger(20, 2);
        Vwap vwap = new Vwap(24);
        double[] h = series.highArray(), l = series.lowArray(), c = series.closeArray(), v = series.volumeArray();
        for (int i = 0; i < c.length; i++) {
            bh.consume(rsi.update(c[i]));
            macd.update(c[i]);
            bh.consume(macd.histogram());
            bb.update(c[i]);
            bh.consume((c[i] - bb.lower()) / (bb.upper() - bb.lower()));
            bh.consume(vwap.update(h[i], l[i], c[i], v[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public void ta4j4(Blackhole bh) {
        ClosePriceIndicator close = new ClosePriceIndicator(ta);
        RSIIndicator rsi = new RSIIndicator(close, 14);
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        var hist = macd.getHistogram(9);
        PercentBIndicator pb = new PercentBIndicator(close, 20, 2);
        VWAPIndicator vwap = new VWAPIndicator(ta, 24);
        for (int i = 0; i < BARS; i++) {
            bh.consume(rsi.getValue(i));
            bh.consume(hist.getValue(i));
            bh.consume(pb.getValue(i));
            bh.consume(vwap.getValue(i));
        }
    }
}
