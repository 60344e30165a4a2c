package io.tatra.metrics;

/**
 * One window's forecasts beside what happened (labels; −1 / NaN where unknown): the rows of a run's
 * {@code forecasts.csv}, from which the report draws calibration and confusion matrices.
 */
public record WindowForecast(long time, String symbol, double[] direction, double volatility, double[] regime, double ret,
                             int directionLabel, int regimeLabel, double realizedVolatility, double realizedReturn) {
    public static final String HEADER = "time,symbol,p_down,p_side,p_up,volatility,p_bull,p_bear,p_sideways,return,direction_label,regime_label,realized_volatility,realized_return";
}
