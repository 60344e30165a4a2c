package io.tatra.features;

import io.tatra.features.indicators.Macd;
import io.tatra.features.indicators.Rsi;
import io.tatra.features.indicators.Stochastic;

import static io.tatra.features.Feature.*;

/** ROC(10), RSI(14), MACD(12,26,9) relative to price, stochastic %K(14) and %D(3) in 0..1. */
final class MomentumBlock implements FeatureBlock {
    private final Rsi rsi = new Rsi(14);
    private final Macd macd = new Macd(12, 26, 9);
    private final Stochastic stoch = new Stochastic(14, 3);

    @Override
    public void step(StepInput in, double[] out) {
        out[ROC_10.ordinal()] = in.close / in.closeBack(10) - 1;
        out[RSI_14.ordinal()] = rsi.update(in.close) / 100;
        macd.update(in.close);
        out[MACD_LINE.ordinal()] = macd.line() / in.close;
        out[MACD_SIGNAL.ordinal()] = macd.signal() / in.close;
        out[MACD_HIST.ordinal()] = macd.histogram() / in.close;
        stoch.update(in.high, in.low, in.close);
        out[STOCH_K_14.ordinal()] = stoch.k() / 100;
        out[STOCH_D_3.ordinal()] = stoch.d() / 100;
    }
}
