package io.tatra.synth;

import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Regime;
import io.tatra.market.Symbol;

import java.util.List;
import java.util.Map;

/**
 * A generated market: one series per symbol (all on the same time grid), the true regime of every bar,
 * and optionally funding rates and open interest.
 */
public record SyntheticMarket(SyntheticConfig config, Map<Symbol, BarSeries> series, List<Regime> regimes,
                              Map<Symbol, List<FundingRate>> funding, Map<Symbol, List<OpenInterest>> openInterest) {
    public SyntheticMarket {
        series = Map.copyOf(series);
        regimes = List.copyOf(regimes);
        funding = Map.copyOf(funding);
        openInterest = Map.copyOf(openInterest);
    }

    public BarSeries series(Symbol s) {
        BarSeries b = series.get(s);
        if (b == null) throw new IllegalArgumentException("no synthetic symbol " + s + "; have " + config.symbols());
        return b;
    }

    public Regime regime(int bar) { return regimes.get(bar); }
}
