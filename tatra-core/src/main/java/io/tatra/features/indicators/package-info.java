/**
 * Streaming indicator primitives (EMA, RSI, ATR, rolling windows) that the feature blocks build on; O(1) per bar. Imports nothing of Tatra.
 */
package io.tatra.features.indicators;
