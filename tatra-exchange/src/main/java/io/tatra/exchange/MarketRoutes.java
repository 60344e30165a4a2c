package io.tatra.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.bybit.protocol.BybitInterval;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.ProtocolException;
import io.tatra.bybit.protocol.RetCode;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.Interval;
import io.tatra.market.OpenInterest;

import java.util.ArrayList;
import java.util.List;

/**
 * The public market-data endpoints, served from the replayed history: nothing after the market clock is ever shown
 * (the current bar appears with only its open known), so a client sees what a live one would have seen.
 */
final class MarketRoutes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final PaperVenue venue;

    MarketRoutes(PaperVenue venue) { this.venue = venue; }

    JsonNode time(long serverNow) {
        ObjectNode r = F.objectNode();
        r.put("timeSecond", Long.toString(serverNow / 1000));
        r.put("timeNano", serverNow + "000000");
        return r;
    }

    JsonNode kline(Call c) {
        c.category();
        int s = venue.symbolIndex(c.required("symbol"));
        BarSeries b = venue.bars(s);
        Interval asked;
        try {
            asked = BybitInterval.parse(c.required("interval"));
        } catch (ProtocolException e) {
            throw new VenueException(RetCode.PARAMS, e.getMessage());
        }
        if (asked != b.interval())
            throw new VenueException(RetCode.PARAMS, "params error: interval invalid (the paper exchange serves " + b.symbol() + " in " + BybitInterval.code(b.interval()) + " only)");
        int limit = c.limit(200, 1000);
        long now = venue.clock().now();
        int visible = venue.closedBars(s);
        boolean partial = visible < b.size() && b.openTimeMillis(visible) <= now;
        int last = visible - (partial ? 0 : 1); // index of the newest bar shown
        long start = c.longParam("start", Long.MIN_VALUE), end = c.longParam("end", Long.MAX_VALUE);
        int from = Math.max(0, b.lowerBound(start));
        int to = Math.min(last, b.lowerBound(end == Long.MAX_VALUE ? end : end + 1) - 1);
        List<Integer> rows = new ArrayList<>();
        if (c.param("start") != null && c.param("end") == null) for (int i = from; i <= to && rows.size() < limit; i++) rows.add(0, i);
        else for (int i = to; i >= from && rows.size() < limit; i--) rows.add(i);
        ArrayNode list = F.arrayNode();
        for (int i : rows) {
            ArrayNode row = list.addArray();
            boolean open = i == visible;
            row.add(Long.toString(b.openTimeMillis(i)));
            row.add(Formats.exact(b.open(i)));
            row.add(Formats.exact(open ? b.open(i) : b.high(i)));
            row.add(Formats.exact(open ? b.open(i) : b.low(i)));
            row.add(Formats.exact(open ? b.open(i) : b.close(i)));
            row.add(open ? "0" : Formats.exact(b.volume(i)));
            row.add(open ? "0" : Formats.exact(b.quoteVolume(i) > 0 ? b.quoteVolume(i) : b.volume(i) * b.close(i)));
        }
        ObjectNode r = F.objectNode();
        r.put("category", "linear");
        r.put("symbol", b.symbol().value());
        r.set("list", list);
        return r;
    }

    JsonNode fundingHistory(Call c) {
        int s = venue.symbolIndex(c.required("symbol"));
        if (c.param("startTime") != null && c.param("endTime") == null)
            throw new VenueException(RetCode.PARAMS, "params error: endTime is required when startTime is given");
        int limit = c.limit(200, 200);
        long now = venue.clock().now();
        long end = Math.min(now, c.longParam("endTime", now)), start = c.longParam("startTime", Long.MIN_VALUE);
        List<FundingRate> all = venue.frame(s).funding();
        ArrayNode list = F.arrayNode();
        for (int i = all.size() - 1; i >= 0 && list.size() < limit; i--) {
            long t = all.get(i).time().toEpochMilli();
            if (t > end || t < start) continue;
            ObjectNode o = list.addObject();
            o.put("symbol", venue.bars(s).symbol().value());
            o.put("fundingRate", Formats.exact(all.get(i).rate()));
            o.put("fundingRateTimestamp", Long.toString(t));
        }
        ObjectNode r = F.objectNode();
        r.put("category", "linear");
        r.set("list", list);
        return r;
    }

    JsonNode openInterest(Call c) {
        int s = venue.symbolIndex(c.required("symbol"));
        long step = switch (c.required("intervalTime")) {
            case "5min" -> 300_000L;
            case "15min" -> 900_000L;
            case "30min" -> 1_800_000L;
            case "1h" -> 3_600_000L;
            case "4h" -> 14_400_000L;
            case "1d" -> 86_400_000L;
            default -> throw new VenueException(RetCode.PARAMS, "params error: intervalTime invalid (5min 15min 30min 1h 4h 1d)");
        };
        int limit = c.limit(50, 200);
        long now = venue.clock().now();
        long end = Math.min(now, c.longParam("endTime", now)), start = c.longParam("startTime", Long.MIN_VALUE);
        int skip = cursorOffset(c.param("cursor"));
        List<OpenInterest> all = venue.frame(s).openInterest();
        ArrayNode list = F.arrayNode();
        int seen = 0;
        boolean more = false;
        for (int i = TimeIndex.lastAtOrBefore(all, end, x -> x.time().toEpochMilli()); i >= 0; i--) { // newest first, from the end of the range
            long t = all.get(i).time().toEpochMilli();
            if (t < start) break;
            if (Math.floorMod(t, step) != 0) continue;
            if (seen++ < skip) continue;
            if (list.size() == limit) { more = true; break; }
            ObjectNode o = list.addObject();
            o.put("openInterest", Formats.exact(all.get(i).value()));
            o.put("singleOpenInterest", Formats.plain(all.get(i).value() / 2, 8));
            o.put("timestamp", Long.toString(t));
        }
        ObjectNode r = F.objectNode();
        r.put("category", "linear");
        r.put("symbol", venue.bars(s).symbol().value());
        r.set("list", list);
        r.put("nextPageCursor", more ? "offset%3D" + (skip + limit) : "");
        return r;
    }

    /** Cursors are opaque to clients; here they carry an offset. An unknown cursor gives an empty page, as on Bybit. */
    static int cursorOffset(String cursor) {
        if (cursor == null) return 0;
        String c = cursor.replace("%3D", "=");
        if (!c.matches("offset=[0-9]{1,9}")) return Integer.MAX_VALUE;
        return Integer.parseInt(c.substring(7));
    }

    JsonNode instruments(Call c) {
        String category = c.param("category");
        if (category == null) throw new VenueException(RetCode.PARAMS, "params error: category is required");
        if (!category.equals("linear") || "PreLaunch".equals(c.param("status"))) { // the paper exchange lists linear perpetuals in trading only
            ObjectNode empty = F.objectNode();
            empty.put("category", category);
            empty.put("nextPageCursor", "");
            empty.putArray("list");
            return empty;
        }
        String symbol = c.param("symbol");
        int limit = c.limit(500, 1000);
        int skip = cursorOffset(c.param("cursor"));
        ArrayNode list = F.arrayNode();
        List<Instrument> all = venue.instruments();
        int seen = 0;
        boolean more = false;
        for (Instrument in : all) {
            if (symbol != null && !in.symbol().equals(symbol)) continue;
            if (seen++ < skip) continue;
            if (list.size() == limit) { more = true; break; }
            list.add(instrument(in));
        }
        ObjectNode r = F.objectNode();
        r.put("category", "linear");
        r.put("nextPageCursor", more ? "offset%3D" + (skip + limit) : "");
        r.set("list", list);
        return r;
    }

    static ObjectNode instrument(Instrument in) {
        ObjectNode o = F.objectNode();
        o.put("symbol", in.symbol());
        o.put("symbolId", Math.abs(in.symbol().hashCode() % 100_000));
        o.put("contractType", "LinearPerpetual");
        o.put("status", in.status());
        o.put("baseCoin", in.symbol().endsWith("USDT") ? in.symbol().substring(0, in.symbol().length() - 4) : in.symbol());
        o.put("quoteCoin", "USDT");
        o.put("settleCoin", "USDT");
        o.put("launchTime", "1585526400000");
        o.put("deliveryTime", "0");
        o.put("deliveryFeeRate", "");
        o.put("priceScale", Integer.toString(Math.max(0, in.tickSize().stripTrailingZeros().scale())));
        ObjectNode lev = o.putObject("leverageFilter");
        lev.put("minLeverage", "1");
        lev.put("maxLeverage", in.maxLeverage().toPlainString());
        lev.put("leverageStep", "0.01");
        ObjectNode px = o.putObject("priceFilter");
        px.put("minPrice", in.tickSize().toPlainString());
        px.put("maxPrice", "1999999.80");
        px.put("tickSize", in.tickSize().toPlainString());
        ObjectNode lot = o.putObject("lotSizeFilter");
        lot.put("maxOrderQty", in.maxOrderQty().toPlainString());
        lot.put("maxMktOrderQty", in.maxMarketOrderQty().toPlainString());
        lot.put("minOrderQty", in.minOrderQty().toPlainString());
        lot.put("qtyStep", in.qtyStep().toPlainString());
        lot.put("postOnlyMaxOrderQty", in.maxOrderQty().toPlainString());
        lot.put("minNotionalValue", in.minNotional().toPlainString());
        o.put("unifiedMarginTrade", true);
        o.put("fundingInterval", in.fundingIntervalMinutes());
        o.put("copyTrading", "both");
        o.put("upperFundingRate", "0.00375");
        o.put("lowerFundingRate", "-0.00375");
        o.put("isPreListing", false);
        o.putNull("preListingInfo");
        ObjectNode risk = o.putObject("riskParameters");
        risk.put("priceLimitRatioX", "0.01");
        risk.put("priceLimitRatioY", "0.02");
        o.put("symbolType", "");
        o.put("displayName", "");
        return o;
    }

    JsonNode tickers(Call c) {
        c.category();
        String symbol = c.param("symbol");
        ArrayNode list = F.arrayNode();
        for (Instrument in : venue.instruments()) {
            if (symbol != null && !in.symbol().equals(symbol)) continue;
            list.add(ticker(venue.symbolIndex(in.symbol())));
        }
        if (symbol != null && list.isEmpty()) throw new VenueException(RetCode.PARAMS, "params error: symbol invalid");
        ObjectNode r = F.objectNode();
        r.put("category", "linear");
        r.set("list", list);
        return r;
    }

    ObjectNode ticker(int s) {
        BarSeries b = venue.bars(s);
        Formats f = venue.formats(s);
        double last = venue.lastPrice(s);
        int closed = venue.closedBars(s);
        long now = venue.clock().now();
        int from = Math.max(0, b.lowerBound(now - 86_400_000L));
        double hi = last, lo = last, vol = 0, turnover = 0;
        for (int i = from; i < closed; i++) {
            hi = Math.max(hi, b.high(i));
            lo = Math.min(lo, b.low(i));
            vol += b.volume(i);
            turnover += b.volume(i) * b.close(i);
        }
        double prev24 = from < b.size() && closed > 0 ? b.open(Math.min(from, closed - 1)) : last;
        double prev1h = closed > 0 ? b.open(Math.max(0, b.lowerBound(now - 3_600_000L))) : last;
        List<FundingRate> funding = venue.frame(s).funding();
        int f0 = TimeIndex.lastAtOrBefore(funding, now, fr -> fr.time().toEpochMilli());
        double rate = f0 >= 0 ? funding.get(f0).rate() : 0; // the rate in force, and when the next one settles (0: none stored)
        long next = f0 + 1 < funding.size() ? funding.get(f0 + 1).time().toEpochMilli() : 0;
        List<OpenInterest> ois = venue.frame(s).openInterest();
        int o0 = TimeIndex.lastAtOrBefore(ois, now, x -> x.time().toEpochMilli());
        double oi = o0 >= 0 ? ois.get(o0).value() : 0;
        BookModel book = venue.config().book();
        ObjectNode o = F.objectNode();
        o.put("symbol", b.symbol().value());
        o.put("lastPrice", f.price(last));
        o.put("indexPrice", f.price(last));
        o.put("markPrice", f.price(last));
        o.put("prevPrice24h", f.price(prev24));
        o.put("price24hPcnt", Formats.plain(prev24 > 0 ? last / prev24 - 1 : 0, 6));
        o.put("highPrice24h", f.price(hi));
        o.put("lowPrice24h", f.price(lo));
        o.put("prevPrice1h", f.price(prev1h));
        o.put("openInterest", Formats.exact(oi)); // as the open-interest history writes it
        o.put("openInterestValue", Formats.plain(oi * last, 8));
        o.put("turnover24h", Formats.plain(turnover, 8));
        o.put("volume24h", Formats.plain(vol, 8));
        o.put("fundingRate", Formats.plain(rate, 8));
        o.put("nextFundingTime", Long.toString(next));
        o.put("predictedDeliveryPrice", "");
        o.put("basisRate", "");
        o.put("deliveryFeeRate", "");
        o.put("deliveryTime", "0");
        o.put("ask1Size", Formats.plain(depthPerLevel(s, closed), 8));
        o.put("bid1Price", f.price(book.price(last, -1, 0)));
        o.put("ask1Price", f.price(book.price(last, 1, 0)));
        o.put("bid1Size", Formats.plain(depthPerLevel(s, closed), 8));
        o.put("basis", "");
        o.put("preOpenPrice", "");
        o.put("preQty", "");
        o.put("curPreListingPhase", "");
        o.put("fundingIntervalHour", Integer.toString(venue.instruments().get(s).fundingIntervalMinutes() / 60));
        o.put("fundingCap", "0.005");
        o.put("basisRateYear", "");
        return o;
    }

    private double depthPerLevel(int s, int closed) {
        double d = venue.config().book().sideDepth(venue.bars(s), closed - 1);
        return Double.isFinite(d) ? d / venue.config().book().levels() : 1e6;
    }

    JsonNode orderbook(Call c) {
        int s = venue.symbolIndex(c.required("symbol"));
        int limit = c.limit(25, 1000);
        double last = venue.lastPrice(s);
        int closed = venue.closedBars(s);
        BookModel book = venue.config().book();
        Formats f = venue.formats(s);
        ObjectNode r = F.objectNode();
        r.put("s", venue.bars(s).symbol().value());
        ArrayNode bids = r.putArray("b"), asks = r.putArray("a");
        if (StoredBooks.has(venue.frame(s))) { // a recorded replay shows its recorded books only
            var levels = StoredBooks.levels(StoredBooks.at(venue.frame(s), closed - 1), limit);
            levels[0].forEach((p, q) -> bids.addArray().add(p).add(q));
            levels[1].forEach((p, q) -> asks.addArray().add(p).add(q));
        } else {
            double size = depthPerLevel(s, closed);
            for (int k = 0; k < Math.min(limit, book.levels()) && Double.isFinite(last); k++) {
                bids.addArray().add(f.price(book.price(last, -1, k))).add(Formats.plain(size, 8));
                asks.addArray().add(f.price(book.price(last, 1, k))).add(Formats.plain(size, 8));
            }
        }
        long now = venue.clock().now();
        r.put("ts", now);
        r.put("u", closed + 1L);
        r.put("seq", closed + 1L);
        r.put("cts", now);
        return r;
    }

    JsonNode recentTrades(Call c) {
        int s = venue.symbolIndex(c.required("symbol"));
        int limit = c.limit(500, 1000);
        ArrayNode list = F.arrayNode();
        for (PaperExecution e : venue.executions(venue.bars(s).symbol().value())) {
            if (!e.execType().equals("Trade") || list.size() == limit) continue;
            ObjectNode o = list.addObject();
            o.put("execId", e.execId());
            o.put("symbol", e.symbol());
            o.put("price", Formats.plain(e.price(), 8));
            o.put("size", Formats.plain(e.qty(), 8));
            o.put("side", e.side());
            o.put("time", Long.toString(e.time()));
            o.put("isBlockTrade", false);
            o.put("isRPITrade", false);
            o.put("seq", Long.toString(e.seq()));
        }
        ObjectNode r = F.objectNode();
        r.put("category", "linear");
        r.set("list", list);
        return r;
    }
}
