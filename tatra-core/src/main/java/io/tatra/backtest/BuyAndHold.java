package io.tatra.backtest;

import io.tatra.trading.Strategy;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.TargetOrder;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;

import java.util.List;
import java.util.Map;

/** The benchmark: an equal share of equity long in every symbol from its first bar at or after {@code from}, held to the end (costs paid once). */
public record BuyAndHold(int symbols, long from) implements Strategy {
    public BuyAndHold {
        if (symbols < 1) throw new IllegalArgumentException("buy-and-hold needs at least one symbol");
    }

    @Override
    public List<TargetOrder> onBar(BarSeries h, int i, PortfolioView p) {
        if (h.openTimeMillis(i) < from || p.position(h.symbol()) != 0) return List.of();
        return List.of(new TargetOrder(h.symbol(), 1.0 / symbols, Double.NaN, Double.NaN, null));
    }

    /** The first bar time carrying a decision, over all symbols. */
    public static long firstDecision(Map<Symbol, io.tatra.decision.TradeDecision[]> decisions, Map<Symbol, BarSeries> bars) {
        long first = Long.MAX_VALUE;
        for (var e : decisions.entrySet())
            for (int i = 0; i < e.getValue().length; i++)
                if (e.getValue()[i] != null) { first = Math.min(first, bars.get(e.getKey()).openTimeMillis(i)); break; }
        return first;
    }
}
