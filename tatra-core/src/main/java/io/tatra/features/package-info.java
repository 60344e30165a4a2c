/**
 * The 64 features: blocks computed bar by bar (FeatureEngine for a series, FeatureStream for live bars, the same code), the catalogue and its schema hash. Step 2 of the flow after market; imports market and indicators.
 */
package io.tatra.features;
