package io.tatra.decision;

import io.tatra.forecast.Forecast;

/**
 * Turns one symbol's forecasts at one bar into one decision. It reads the whole {@link Forecast}, every head the
 * forecaster has, by task and class name: a policy that also weighs an extra head (anomaly, win probability) or an
 * ensemble member's forecast needs no change anywhere else.
 */
@FunctionalInterface
public interface FusionPolicy {
    /** @param horizon bars ahead the forecasts look */
    TradeDecision decide(Forecast forecast, int horizon);
}
