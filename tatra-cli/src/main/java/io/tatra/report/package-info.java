/**
 * The self-contained HTML report of a backtest run (ECharts inlined, no network).
 */
package io.tatra.report;
