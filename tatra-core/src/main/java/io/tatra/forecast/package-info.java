/**
 * Engine-neutral forecasts: what a task is ({@link io.tatra.forecast.TaskSpec}), one window's forecasts with named
 * classes ({@link io.tatra.forecast.Forecast}) and the {@link io.tatra.forecast.Forecaster} seam every model
 * plugs into. Sits between dataset (windows) and decision (fusion); imports nothing engine-specific.
 */
package io.tatra.forecast;
