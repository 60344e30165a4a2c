/**
 * Gradient-boosted trees (LightGBM, through lightgbm4j's native library) for Tatra: {@link io.tatra.gbm.GbmTrainer}
 * trains with a patience loop on the validation part (lightgbm4j ignores {@code early_stopping_round}) and keeps the
 * best iteration; {@link io.tatra.gbm.GbmModel} predicts, explains (SHAP contributions, gain and split importance)
 * and serializes, calling the native predictor with an output buffer sized rows × outputs (lightgbm4j's own
 * multiclass batch predict writes past its buffer); {@link io.tatra.gbm.GbmContender} puts it in {@code tatra evaluate}.
 * The native library stays in this module: core and the DJL module never see it.
 */
package io.tatra.gbm;
