package io.tatra.trading;

import io.tatra.market.BarSeries;

import java.util.List;

/**
 * A trading strategy, the same in backtests and live: called when a bar closes, with the symbol's history up to
 * and including that bar and the portfolio as it stands; returns the orders to execute (often none).
 */
@FunctionalInterface
public interface Strategy {
    List<TargetOrder> onBar(BarSeries history, int index, PortfolioView portfolio);
}
