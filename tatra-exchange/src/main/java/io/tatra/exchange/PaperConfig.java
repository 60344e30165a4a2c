package io.tatra.exchange;

import io.tatra.backtest.CostConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Instrument;

import java.util.List;

/**
 * One paper exchange: its instruments (tick, step, quantity limits, leverage), starting capital in USDT, fees and
 * slippage (the backtest's {@link CostConfig}), the book model, the accepted API keys, a seed for ids, and a cap on the
 * execution history kept in memory.
 */
public record PaperConfig(List<Instrument> instruments, double capital, CostConfig costs, BookModel book, List<ApiKey> keys, long seed, int maxExecutions) {
    public PaperConfig {
        instruments = List.copyOf(instruments);
        keys = List.copyOf(keys);
        if (instruments.isEmpty()) throw new IllegalArgumentException("a paper exchange needs at least one instrument");
        if (!(capital > 0) || !Double.isFinite(capital)) throw new IllegalArgumentException("capital must be finite and > 0, got " + capital);
        if (costs == null || book == null) throw new IllegalArgumentException("costs and book model are required");
        if (maxExecutions < 100) throw new IllegalArgumentException("maxExecutions must be >= 100");
    }

    public static PaperConfig of(List<Instrument> instruments, List<ApiKey> keys) {
        return new PaperConfig(instruments, 10_000, CostConfig.bybitLinear(), BookModel.defaults(), keys, 1, 100_000);
    }

    public Instrument instrument(String symbol) {
        for (Instrument i : instruments) if (i.symbol().equals(symbol)) return i;
        return null;
    }

    public PaperConfig withCapital(double v) { return new PaperConfig(instruments, v, costs, book, keys, seed, maxExecutions); }

    public PaperConfig withCosts(CostConfig v) { return new PaperConfig(instruments, capital, v, book, keys, seed, maxExecutions); }

    public PaperConfig withBook(BookModel v) { return new PaperConfig(instruments, capital, costs, v, keys, seed, maxExecutions); }

    public PaperConfig withSeed(long v) { return new PaperConfig(instruments, capital, costs, book, keys, v, maxExecutions); }
}
