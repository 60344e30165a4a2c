package io.tatra.market;

import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One candle. Open time is UTC. Refused at construction: non-finite values, prices <= 0, negative
 * volume, high below low, open or close outside [low, high].
 */
public record Bar(Instant openTime, double open, double high, double low, double close, double volume,
                  OptionalDouble quoteVolume, OptionalLong tradeCount) {
    public Bar {
        Checks.time(openTime, "bar");
        String at = "bar " + openTime;
        Checks.positive(open, "open", at);
        Checks.positive(high, "high", at);
        Checks.positive(low, "low", at);
        Checks.positive(close, "close", at);
        Checks.nonNegative(volume, "volume", at);
        if (high < low) throw new IllegalArgumentException(at + ": high " + high + " < low " + low);
        if (open > high || open < low) throw new IllegalArgumentException(at + ": open " + open + " outside [low " + low + ", high " + high + "]");
        if (close > high || close < low) throw new IllegalArgumentException(at + ": close " + close + " outside [low " + low + ", high " + high + "]");
        if (quoteVolume == null) quoteVolume = OptionalDouble.empty();
        if (tradeCount == null) tradeCount = OptionalLong.empty();
        if (quoteVolume.isPresent()) Checks.nonNegative(quoteVolume.getAsDouble(), "quote volume", at);
        if (tradeCount.isPresent() && tradeCount.getAsLong() < 0) throw new IllegalArgumentException(at + ": trade count " + tradeCount.getAsLong() + " must be >= 0");
    }

    public static Bar of(Instant openTime, double open, double high, double low, double close, double volume) {
        return new Bar(openTime, open, high, low, close, volume, OptionalDouble.empty(), OptionalLong.empty());
    }
}
