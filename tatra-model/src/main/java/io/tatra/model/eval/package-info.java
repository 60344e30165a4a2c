/**
 * The DJL model as engine-neutral forecaster and contender: ModelForecaster (one window), ModelPredictions (batches), the deep contenders (unified, specialists, probes), the evaluation that iterates any contenders, and its report.
 */
package io.tatra.model.eval;
