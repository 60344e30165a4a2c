/**
 * Market values: symbols, intervals, bars and bar series, funding, open interest, order books, true regimes. The start of the flow; depends on nothing in Tatra (the architecture test keeps it so).
 */
package io.tatra.market;
