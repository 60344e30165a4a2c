package io.tatra.live;

import io.tatra.bybit.protocol.Kline;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The recent closed bars of each symbol, as the series a strategy reads. */
final class BarWindows {
    private final Interval interval;
    private final int keep;
    private final Map<Symbol, Deque<Kline>> windows = new HashMap<>();

    BarWindows(Interval interval, int keep) {
        this.interval = interval;
        this.keep = keep;
    }

    /** The window of recent bars as a series, with {@code bar} appended (bars must come in time order). */
    BarSeries push(Symbol symbol, Kline bar) {
        Deque<Kline> w = windows.computeIfAbsent(symbol, s -> new ArrayDeque<>());
        if (!w.isEmpty() && w.peekLast().startTime() >= bar.startTime())
            throw new IllegalArgumentException(symbol + ": bar at " + bar.startTime() + " is not after the previous one");
        w.addLast(bar);
        while (w.size() > keep) w.removeFirst();
        BarSeries.Builder b = BarSeries.builder(symbol, interval, w.size());
        for (Kline k : w) b.add(k.startTime(), k.open().doubleValue(), k.high().doubleValue(), k.low().doubleValue(), k.close().doubleValue(), k.volume().doubleValue());
        return b.build();
    }
}
