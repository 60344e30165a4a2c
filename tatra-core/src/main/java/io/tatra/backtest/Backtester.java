package io.tatra.backtest;

import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.trading.Strategy;

import java.util.List;
import java.util.Map;

/**
 * The event-driven backtester, all at once: a {@link BacktestSession} stepped to the end with one strategy.
 * At the end every position is closed at its last close, with costs.
 */
public final class Backtester {
    private final BacktestConfig cfg;
    private final ExecutionModels models;

    public Backtester(BacktestConfig cfg) { this(cfg, ExecutionModels.of(cfg.costs())); }

    public Backtester(BacktestConfig cfg, ExecutionModels models) {
        this.cfg = cfg;
        this.models = models;
    }

    public BacktestResult run(List<MarketFrame> frames, Strategy strategy) { return run(frames, Map.of(), strategy); }

    /** @param finer per symbol, bars of a smaller interval used only to order a stop and take profit hit in the same bar */
    public BacktestResult run(List<MarketFrame> frames, Map<Symbol, BarSeries> finer, Strategy strategy) {
        BacktestSession session = BacktestSession.open(cfg, models, frames, finer);
        while (!session.done()) session.step(strategy);
        return session.finish();
    }
}
