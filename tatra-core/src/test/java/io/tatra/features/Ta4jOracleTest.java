package io.tatra.features;

import io.tatra.features.indicators.Atr;
import io.tatra.features.indicators.Bollinger;
import io.tatra.features.indicators.Ema;
import io.tatra.features.indicators.Macd;
import io.tatra.features.indicators.Rsi;
import io.tatra.features.indicators.Sma;
import io.tatra.features.indicators.Stochastic;
import io.tatra.features.indicators.Vwap;
import io.tatra.market.BarSeries;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every classic indicator equals ta4j 0.22.2 (the oracle, test scope only) within 1e-9 relative after its
 * warm-up, both as a kernel and as the scale-free feature built from it.
 */
class Ta4jOracleTest {
    private static final int N = 2500;
    private final BarSeries bars = Fixtures.series(N, 11);
    private final org.ta4j.core.BarSeries ta = toTa4j(bars);
    private final ClosePriceIndicator close = new ClosePriceIndicator(ta);
    private final FeatureMatrix m = new FeatureEngine().compute(bars);

    static org.ta4j.core.BarSeries toTa4j(BarSeries s) {
        org.ta4j.core.BarSeries t = new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).withName("oracle").build();
        Duration d = Duration.ofMillis(s.interval().millis());
        for (int i = 0; i < s.size(); i++) {
            t.barBuilder().timePeriod(d).endTime(Instant.ofEpochMilli(s.openTimeMillis(i)).plus(d))
                    .openPrice(s.open(i)).highPrice(s.high(i)).lowPrice(s.low(i)).closePrice(s.close(i)).volume(s.volume(i)).add();
        }
        return t;
    }

    interface Kernel { double next(int i); }

    private static void assertEqualsAfter(String name, int warmup, Indicator<Num> oracle, Kernel ours) {
        int compared = 0;
        for (int i = 0; i < N; i++) {
            double mine = ours.next(i);
            if (i < warmup) continue;
            double theirs = oracle.getValue(i).doubleValue();
            assertClose(name, i, theirs, mine);
            compared++;
        }
        assertTrue(compared > N / 2, name + ": compared only " + compared + " bars");
    }

    static void assertClose(String name, int i, double expected, double actual) {
        assertTrue(Double.isFinite(expected), name + " oracle is not finite at bar " + i + ": " + expected);
        double tol = 1e-9 * Math.max(1e-3, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tol, name + " at bar " + i + ": ta4j " + expected + ", tatra " + actual);
    }

    @Test
    void smaAndEma() {
        Sma sma = new Sma(20);
        assertEqualsAfter("SMA(20)", 19, new SMAIndicator(close, 20), i -> sma.update(bars.close(i)));
        Ema ema = Ema.standard(20);
        assertEqualsAfter("EMA(20)", 20, new EMAIndicator(close, 20), i -> ema.update(bars.close(i)));
        Ema ema50 = Ema.standard(50);
        assertEqualsAfter("EMA(50)", 50, new EMAIndicator(close, 50), i -> ema50.update(bars.close(i)));
    }

    @Test
    void rsi() {
        Rsi rsi = new Rsi(14);
        RSIIndicator oracle = new RSIIndicator(close, 14);
        assertEqualsAfter("RSI(14)", 14, oracle, i -> rsi.update(bars.close(i)));
        assertEqualsAfter("feature rsi_14", Feature.RSI_14.warmup(), oracle, i -> m.get(i, Feature.RSI_14) * 100);
    }

    @Test
    void macd() {
        MACDIndicator line = new MACDIndicator(close, 12, 26);
        Macd ours = new Macd(12, 26, 9);
        double[][] out = new double[N][3];
        for (int i = 0; i < N; i++) {
            ours.update(bars.close(i));
            out[i] = new double[]{ours.line(), ours.signal(), ours.histogram()};
        }
        // MACD values are price differences near zero; compare relative to the price level.
        for (int i = 26; i < N; i++) {
            double scale = bars.close(i);
            assertTrue(Math.abs(line.getValue(i).doubleValue() - out[i][0]) <= 1e-9 * scale, "MACD line at " + i);
            assertTrue(Math.abs(line.getSignalLine(9).getValue(i).doubleValue() - out[i][1]) <= 1e-9 * scale, "MACD signal at " + i);
            assertTrue(Math.abs(line.getHistogram(9).getValue(i).doubleValue() - out[i][2]) <= 1e-9 * scale, "MACD histogram at " + i);
        }
        for (int i = Feature.MACD_LINE.warmup(); i < N; i++) {
            double c = bars.close(i);
            assertTrue(Math.abs(line.getValue(i).doubleValue() - m.get(i, Feature.MACD_LINE) * c) <= 1e-9 * c, "feature macd_line at " + i);
            assertTrue(Math.abs(line.getHistogram(9).getValue(i).doubleValue() - m.get(i, Feature.MACD_HIST) * c) <= 1e-9 * c, "feature macd_hist at " + i);
        }
    }

    @Test
    void bollinger() {
        BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        StandardDeviationIndicator sd = new StandardDeviationIndicator(close, 20);
        var up = new BollingerBandsUpperIndicator(mid, sd, ta.numFactory().numOf(2));
        var lo = new BollingerBandsLowerIndicator(mid, sd, ta.numFactory().numOf(2));
        Bollinger b = new Bollinger(20, 2);
        double[][] ours = new double[N][];
        for (int i = 0; i < N; i++) {
            b.update(bars.close(i));
            ours[i] = new double[]{b.middle(), b.upper(), b.lower()};
        }
        assertEqualsAfter("BB middle", 19, mid, i -> ours[i][0]);
        assertEqualsAfter("BB upper", 19, up, i -> ours[i][1]);
        assertEqualsAfter("BB lower", 19, lo, i -> ours[i][2]);
        assertEqualsAfter("feature bb_percent_b_20", 19, new PercentBIndicator(close, 20, 2), i -> m.get(i, Feature.BB_PERCENT_B_20));
        assertEqualsAfter("feature bb_width_20", 19, new BollingerBandWidthIndicator(up, mid, lo), i -> m.get(i, Feature.BB_WIDTH_20) * 100);
    }

    @Test
    void atr() {
        Atr atr = new Atr(14);
        ATRIndicator oracle = new ATRIndicator(ta, 14);
        assertEqualsAfter("ATR(14)", 14, oracle, i -> atr.update(bars.high(i), bars.low(i), bars.close(i)));
        assertEqualsAfter("feature natr_14", Feature.NATR_14.warmup(), oracle, i -> m.get(i, Feature.NATR_14) * bars.close(i));
    }

    @Test
    void stochastic() {
        Stochastic st = new Stochastic(14, 3);
        StochasticOscillatorKIndicator k = new StochasticOscillatorKIndicator(ta, 14);
        StochasticOscillatorDIndicator d = new StochasticOscillatorDIndicator(k);
        double[][] ours = new double[N][];
        for (int i = 0; i < N; i++) {
            st.update(bars.high(i), bars.low(i), bars.close(i));
            ours[i] = new double[]{st.k(), st.d()};
        }
        assertEqualsAfter("%K(14)", 13, k, i -> ours[i][0]);
        assertEqualsAfter("%D(3)", 15, d, i -> ours[i][1]);
        assertEqualsAfter("feature stoch_k_14", 13, k, i -> m.get(i, Feature.STOCH_K_14) * 100);
        assertEqualsAfter("feature stoch_d_3", 15, d, i -> m.get(i, Feature.STOCH_D_3) * 100);
    }

    @Test
    void vwap() {
        for (int n : new int[]{24, 96}) {
            Vwap v = new Vwap(n);
            VWAPIndicator oracle = new VWAPIndicator(ta, n);
            assertEqualsAfter("VWAP(" + n + ")", n - 1, oracle, i -> v.update(bars.high(i), bars.low(i), bars.close(i), bars.volume(i)));
            Feature f = n == 24 ? Feature.VWAP_DIST_24 : Feature.VWAP_DIST_96;
            assertEqualsAfter("feature " + f.id(), f.warmup(), oracle, i -> bars.close(i) / StrictMath.exp(m.get(i, f)));
        }
    }

    @Test
    void emaDistanceFeatures() {
        assertEqualsAfter("feature ema_dist_20", Feature.EMA_DIST_20.warmup(), new EMAIndicator(close, 20),
                i -> bars.close(i) / StrictMath.exp(m.get(i, Feature.EMA_DIST_20)));
        assertEqualsAfter("feature ema_dist_50", Feature.EMA_DIST_50.warmup(), new EMAIndicator(close, 50),
                i -> bars.close(i) / StrictMath.exp(m.get(i, Feature.EMA_DIST_50)));
    }
}
