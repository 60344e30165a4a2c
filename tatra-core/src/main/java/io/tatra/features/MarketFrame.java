package io.tatra.features;

import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.OrderBookSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Everything the feature engine reads for one symbol: its bars and, when the data has them, funding rates,
 * open-interest readings and order-book snapshots (each list in time order, possibly empty).
 */
public record MarketFrame(BarSeries bars, List<FundingRate> funding, List<OpenInterest> openInterest,
                          List<OrderBookSnapshot> books) {
    public MarketFrame {
        if (bars == null) throw new IllegalArgumentException("market frame: bars are null");
        funding = funding == null ? List.of() : List.copyOf(funding);
        openInterest = openInterest == null ? List.of() : List.copyOf(openInterest);
        books = books == null ? List.of() : List.copyOf(books);
        check(funding, FundingRate::time, f -> f.symbol().equals(bars.symbol()), "funding rate", bars);
        check(openInterest, OpenInterest::time, o -> o.symbol().equals(bars.symbol()), "open interest", bars);
        check(books, OrderBookSnapshot::time, b -> b.symbol().equals(bars.symbol()), "order book", bars);
    }

    public static MarketFrame of(BarSeries bars) { return new MarketFrame(bars, List.of(), List.of(), List.of()); }

    private static <T> void check(List<T> list, Function<T, Instant> time, java.util.function.Predicate<T> sameSymbol,
                                  String what, BarSeries bars) {
        Instant prev = null;
        for (int i = 0; i < list.size(); i++) {
            T x = list.get(i);
            if (!sameSymbol.test(x)) throw new IllegalArgumentException(what + " #" + i + " is not for " + bars.symbol() + ": " + x);
            Instant t = time.apply(x);
            if (prev != null && !t.isAfter(prev))
                throw new IllegalArgumentException(what + " #" + i + " at " + t + " is not after the previous one at " + prev + "; sort by time and drop duplicates");
            prev = t;
        }
    }
}
