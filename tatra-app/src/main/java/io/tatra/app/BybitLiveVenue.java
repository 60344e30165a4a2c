package io.tatra.app;

import io.tatra.bybit.client.BybitMarket;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.client.BybitTrading;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OrderInfo;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.bybit.protocol.PositionInfo;
import io.tatra.live.ClosedBarFeed;
import io.tatra.live.LiveEngine;
import io.tatra.live.Reconciliation;
import io.tatra.market.Interval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live engine's view of a Bybit v5 account (Bybit, its testnet, or Tatra's paper exchange): orders through
 * {@link BybitTrading#place} (a lost answer is resolved by orderLinkId, never sent twice), state from positions and open
 * orders, equity from the wallet; and the venue's kline history for {@link ClosedBarFeed}'s backfill.
 */
public final class BybitLiveVenue implements LiveEngine.Venue {
    private final BybitTrading trading;
    private final List<String> symbols;

    private final RequestStamp stamp;
    private long requestOut = -1;

    public BybitLiveVenue(BybitRestClient rest, List<String> symbols) { this(rest, symbols, null); }

    /** {@code stamp}: the stamp on {@code rest}'s transport ({@link RequestStamp#wrap}), or null when it has none. */
    BybitLiveVenue(BybitRestClient rest, List<String> symbols, RequestStamp stamp) {
        this.trading = new BybitTrading(rest);
        this.symbols = List.copyOf(symbols);
        this.stamp = stamp;
    }

    @Override
    public String place(OrderRequest order) {
        if (stamp != null) stamp.reset();
        String id = trading.place(order).orderId();
        requestOut = stamp == null ? -1 : stamp.first();
        return id;
    }

    @Override
    public long requestOutNanos() { return requestOut; }

    @Override
    public Reconciliation.State state() {
        long ticket = holdings.start();
        Map<String, BigDecimal> positions = new HashMap<>();
        Map<String, LiveEngine.Holding> details = new HashMap<>();
        Set<String> open = new HashSet<>();
        for (String s : symbols) {
            for (PositionInfo p : trading.positions(s)) {
                if (p.signedQty().signum() == 0) continue;
                positions.put(p.symbol(), p.signedQty());
                details.put(p.symbol(), holding(p));
            }
            for (OrderInfo o : trading.openOrders(s)) open.add(o.orderLinkId());
        }
        holdings.reported(ticket, details); // the stops the account view checks bars against: as current as the positions
        return new Reconciliation.State(positions, open);
    }

    /** Every USDT position in one request; their entry prices and stops are kept for {@link #holding}. */
    @Override
    public Map<String, BigDecimal> positions() {
        long ticket = holdings.start();
        Map<String, BigDecimal> out = new HashMap<>();
        Map<String, LiveEngine.Holding> details = new HashMap<>();
        for (PositionInfo p : trading.positions(null)) {
            if (p.signedQty().signum() == 0 || !symbols.contains(p.symbol())) continue;
            out.put(p.symbol(), p.signedQty());
            details.put(p.symbol(), holding(p));
        }
        holdings.reported(ticket, details);
        return out;
    }

    private final HoldingsSeen holdings = new HoldingsSeen();

    private static LiveEngine.Holding holding(PositionInfo p) { return new LiveEngine.Holding(positive(p.entryPrice()), positive(p.stopLoss()), positive(p.takeProfit())); }

    private static double positive(BigDecimal v) { return v == null || v.signum() <= 0 ? Double.NaN : v.doubleValue(); } // Bybit writes "0" or "" for no stop

    @Override
    public LiveEngine.Holding holding(String symbol) { return holdings.of(symbol); }

    /** Bybit's trading-stop, full-position mode: the stop loss only, the take profit left as it is. */
    @Override
    public void moveStop(String symbol, BigDecimal stopLoss) { trading.tradingStop(symbol, null, stopLoss); }

    @Override
    public double equity() { return balance().equity(); }

    /** One wallet read: its total equity and its wallet balance (realized: without the positions' unrealized P&L). */
    @Override
    public Balance balance() {
        var w = trading.wallet();
        return new Balance(w.totalEquity().doubleValue(), w.totalWalletBalance().doubleValue());
    }

    @Override
    public boolean hasOrder(String symbol, String orderLinkId) { return trading.order(symbol, new io.tatra.bybit.protocol.OrderLinkId(orderLinkId)).isPresent(); }

    /** Closed klines in [start, end] from the venue's REST history, in pages of 1,000, oldest first. */
    public static ClosedBarFeed.History history(BybitRestClient rest) {
        BybitMarket market = new BybitMarket(rest);
        return (symbol, interval, start, end) -> {
            List<Kline> out = new ArrayList<>();
            long step = interval.millis();
            for (long from = start; from <= end; from += 1000 * step) {
                long to = Math.min(end, from + 999 * step);
                for (Kline k : market.klines(symbol, interval, from, to, 1000)) if (k.startTime() >= from && k.startTime() <= to) out.add(k);
            }
            return out;
        };
    }

    /** The start of the venue's newest bar of {@code s} (the one forming now). */
    static long latestStart(BybitRestClient rest, io.tatra.market.Symbol s, Interval interval) {
        List<Kline> newest = new BybitMarket(rest).klines(s.value(), interval, null, null, 1);
        if (newest.isEmpty()) throw new io.tatra.TatraException("the venue " + rest.config().baseUrl() + " has no " + interval.code() + " bars of " + s.value());
        return newest.get(newest.size() - 1).startTime();
    }

    /**
     * The venue's bars of {@code s} from {@code from} on that are closed: the venue's newest bar is the one forming now
     * and is left out (the venue's clock may be a replay's, so its server time cannot tell). A closed bar left out by a
     * hole in the venue's data comes later through the feed's backfill.
     */
    static List<Kline> closedBars(BybitRestClient rest, io.tatra.market.Symbol s, Interval interval, long from) {
        BybitMarket market = new BybitMarket(rest);
        long step = interval.millis();
        List<Kline> out = new ArrayList<>();
        for (long start = from; ; ) { // pages of 1,000 until a short one: the newest bars
            List<Kline> page = market.klines(s.value(), interval, start, start + 999 * step, 1000);
            for (Kline k : page) if (k.startTime() >= start) out.add(k);
            if (page.size() < 1000) break;
            start = out.get(out.size() - 1).startTime() + step;
        }
        if (!out.isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    /**
     * Funding settlements and open interest in [from, to] from the venue's REST history, for {@link io.tatra.live.RateFeed}:
     * funding in pages of 200 back from {@code to}, open interest at the bars' resolution following the cursor.
     */
    public static io.tatra.live.RateFeed.Source rates(BybitRestClient rest, Interval interval) {
        BybitMarket market = new BybitMarket(rest);
        String res = DownloadService.openInterestResolution(interval);
        return new io.tatra.live.RateFeed.Source() {
            @Override
            public List<io.tatra.market.FundingRate> funding(io.tatra.market.Symbol symbol, long from, long to) {
                List<io.tatra.market.FundingRate> out = new ArrayList<>();
                for (var f : market.fundingBetween(symbol.value(), from, to)) out.add(new io.tatra.market.FundingRate(symbol, java.time.Instant.ofEpochMilli(f.time()), f.rate().doubleValue()));
                return out;
            }

            @Override
            public List<io.tatra.market.OpenInterest> openInterest(io.tatra.market.Symbol symbol, long from, long to) {
                List<io.tatra.market.OpenInterest> out = new ArrayList<>();
                for (var x : market.openInterestBetween(symbol.value(), res, from, to))
                    out.add(new io.tatra.market.OpenInterest(symbol, java.time.Instant.ofEpochMilli(x.time()), x.openInterest().doubleValue()));
                return out;
            }
        };
    }

    /** The interval's stream topic, e.g. {@code kline.60.BTCUSDT}. */
    /** The venue's linear instrument of each symbol, in order; one it does not list, or not trading, is a user error naming it. */
    public static Map<io.tatra.market.Symbol, io.tatra.bybit.protocol.Instrument> instruments(BybitRestClient rest, java.net.URI venue, List<io.tatra.market.Symbol> symbols) {
        Map<String, io.tatra.bybit.protocol.Instrument> all = new HashMap<>();
        for (io.tatra.bybit.protocol.Instrument in : new BybitMarket(rest).instruments()) all.put(in.symbol(), in);
        Map<io.tatra.market.Symbol, io.tatra.bybit.protocol.Instrument> out = new java.util.LinkedHashMap<>();
        for (io.tatra.market.Symbol s : symbols) {
            io.tatra.bybit.protocol.Instrument in = all.get(s.value());
            if (in == null) throw new io.tatra.TatraException("the venue " + venue + " lists no linear instrument " + s.value());
            if (!"Trading".equals(in.status())) throw new io.tatra.TatraException(s.value() + " is " + in.status() + " at the venue, not Trading");
            out.put(s, in);
        }
        return out;
    }

    public static String klineTopic(String symbol, Interval interval) {
        return "kline." + io.tatra.bybit.protocol.BybitInterval.code(interval) + "." + symbol;
    }
}
