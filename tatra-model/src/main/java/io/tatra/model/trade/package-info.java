/**
 * Model decisions over time: walk-forward retraining with decisions stitched over the test blocks, ready for one backtest.
 */
package io.tatra.model.trade;
