/**
 * Scoring forecasts against test labels: log-loss, ECE, QLIKE, IC, Huber, F1 and the contradiction rate; the metric catalogue per core task. Imports dataset, labels and forecast (engine-neutral Forecasts).
 */
package io.tatra.metrics;
