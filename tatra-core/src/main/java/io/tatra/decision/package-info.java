/**
 * Fusion of one window's forecasts into a trade decision (action, size, stop, take profit, reasoning and trace). Reads engine-neutral forecasts by class name; imports forecast only.
 */
package io.tatra.decision;
