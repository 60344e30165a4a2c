package io.tatra.bybit.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.bybit.protocol.BybitInterval;
import io.tatra.bybit.protocol.Envelope;
import io.tatra.bybit.protocol.FundingRate;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OpenInterestPoint;
import io.tatra.bybit.protocol.OrderBook;
import io.tatra.bybit.protocol.Ticker;
import io.tatra.market.Interval;

import java.util.ArrayList;
import java.util.List;

/** Typed public market data (linear): klines, funding history, open interest, instruments, tickers, the order book, server time. */
public final class BybitMarket {
    private final BybitRestClient rest;

    public BybitMarket(BybitRestClient rest) { this.rest = rest; }

    /** The server's time in ms (the envelope's {@code time}). */
    public long serverTime() { return rest.get("/v5/market/time", Query.of()).time(); }

    /** Up to {@code limit} (1..1000) klines with start time in [start, end] (null = open), oldest first; the newest may be unclosed. */
    public List<Kline> klines(String symbol, Interval interval, Long start, Long end, int limit) {
        return Kline.page(rest.get("/v5/market/kline", Query.of().add("category", "linear").add("symbol", symbol).add("interval", BybitInterval.code(interval))
                .add("start", start).add("end", end).add("limit", limit)));
    }

    /** Up to {@code limit} (1..200) funding settlements up to {@code end} (null = now), oldest first. */
    public List<FundingRate> funding(String symbol, Long start, Long end, int limit) {
        return FundingRate.page(rest.get("/v5/market/funding/history", Query.of().add("category", "linear").add("symbol", symbol)
                .add("startTime", start).add("endTime", end).add("limit", limit)));
    }

    /** One page of open interest ({@code intervalTime} 5min … 1d), oldest first, with the next page's cursor. */
    public OpenInterestPoint.Page openInterest(String symbol, String intervalTime, Long start, Long end, int limit, String cursor) {
        return OpenInterestPoint.page(rest.get("/v5/market/open-interest", Query.of().add("category", "linear").add("symbol", symbol)
                .add("intervalTime", intervalTime).add("startTime", start).add("endTime", end).add("limit", limit).cursor(cursor)));
    }

    /**
     * Every funding settlement with time in [{@code from}, {@code to}] ({@code to} null: up to now), oldest first: pages
     * of 200 back from {@code to} until one reaches {@code from} (Bybit refuses a startTime without an endTime).
     */
    public List<FundingRate> fundingBetween(String symbol, long from, Long to) {
        List<FundingRate> out = new ArrayList<>();
        Long end = to;
        for (int page = 0; page < 100_000; page++) {
            List<FundingRate> p = funding(symbol, null, end, 200);
            if (p.isEmpty()) break;
            for (FundingRate f : p) if (f.time() >= from && (to == null || f.time() <= to)) out.add(f);
            long earliest = p.get(0).time();
            if (earliest <= from) break;
            end = earliest - 1;
        }
        out.sort(java.util.Comparator.comparingLong(FundingRate::time));
        return out;
    }

    /** Open interest at {@code intervalTime} with time in [{@code from}, {@code to}], following the cursor; oldest first, one point per time. */
    public List<OpenInterestPoint> openInterestBetween(String symbol, String intervalTime, long from, long to) {
        List<OpenInterestPoint> got = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100_000; page++) {
            OpenInterestPoint.Page p = openInterest(symbol, intervalTime, from, to, 200, cursor);
            got.addAll(p.points());
            cursor = p.nextCursor();
            if (cursor == null || p.points().isEmpty()) break;
        }
        got.sort(java.util.Comparator.comparingLong(OpenInterestPoint::time));
        List<OpenInterestPoint> out = new ArrayList<>();
        for (OpenInterestPoint x : got) if (out.isEmpty() || out.get(out.size() - 1).time() != x.time()) out.add(x);
        return out;
    }

    /** Every linear instrument, following the cursor to the last page (at most 100 pages). */
    public List<Instrument> instruments() {
        List<Instrument> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            Instrument.Page p = Instrument.page(rest.get("/v5/market/instruments-info", Query.of().add("category", "linear").add("limit", 500).cursor(cursor)));
            out.addAll(p.instruments());
            cursor = p.nextCursor();
            if (cursor == null || p.instruments().isEmpty()) return out;
        }
        throw new BybitException(0, "instruments-info: more than 100 pages; the cursor does not end");
    }

    public List<Ticker> tickers(String symbol) {
        return Ticker.page(rest.get("/v5/market/tickers", Query.of().add("category", "linear").add("symbol", symbol)));
    }

    /** Recent public trades (newest first as Bybit sends them): execId, price, size, taker side, time. */
    public record PublicTrade(String execId, java.math.BigDecimal price, java.math.BigDecimal size, String side, long time) {}

    public List<PublicTrade> recentTrades(String symbol, int limit) {
        Envelope e = rest.get("/v5/market/recent-trade", Query.of().add("category", "linear").add("symbol", symbol).add("limit", limit));
        List<PublicTrade> out = new ArrayList<>();
        for (var t : e.result().path("list")) {
            try {
                out.add(new PublicTrade(t.path("execId").asText(), new java.math.BigDecimal(t.path("price").asText()), new java.math.BigDecimal(t.path("size").asText()),
                        t.path("side").asText(), Long.parseLong(t.path("time").asText())));
            } catch (NumberFormatException ex) {
                throw new BybitException(0, "recent-trade: a trade with a bad number: " + t);
            }
        }
        return out;
    }

    /** A book snapshot of up to {@code limit} levels a side. */
    public OrderBook orderBook(String symbol, int limit) {
        Envelope e = rest.get("/v5/market/orderbook", Query.of().add("category", "linear").add("symbol", symbol).add("limit", limit));
        if (!e.ok()) throw new BybitException(e.retCode(), "orderbook: " + e.retMsg());
        ObjectNode msg = JsonNodeFactory.instance.objectNode();
        msg.put("topic", "orderbook." + limit + "." + symbol);
        msg.put("type", "snapshot");
        msg.put("ts", e.result().path("ts").asLong());
        msg.set("data", e.result());
        OrderBook book = new OrderBook(symbol);
        book.apply(msg);
        return book;
    }
}
