package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.bybit.client.BybitException;
import io.tatra.bybit.client.BybitMarket;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.protocol.BybitInterval;
import io.tatra.bybit.protocol.FundingRate;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OpenInterestPoint;
import io.tatra.bybit.protocol.ProtocolException;
import io.tatra.ingest.BarImporter;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.CandleTable;
import io.tatra.store.RateTable;
import io.tatra.store.TatraStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tatra download}: candles (and optionally funding rates and open interest) of linear perpetuals from a Bybit
 * v5 venue into the store. Klines are fetched in windows of 1,000 bars forward in time, each page checked by the file
 * importer's validator (a bad page is an error naming its URL and row, nothing of it stored) and written at once, so
 * an interrupted run loses nothing and the next one starts after the last stored bar; only closed bars are stored (those
 * before the venue's newest kline, which is the one still forming).
 * Funding pages back in time from the end by {@code endTime}, open interest follows the cursor; both are idempotent.
 * Gaps the venue itself has are counted and reported, never filled.
 */
public final class DownloadService {
    private DownloadService() {}

    public record Request(Path home, List<Symbol> symbols, Interval interval, Instant from, Instant to, boolean funding, boolean openInterest) {
        public Request {
            if (symbols == null || symbols.isEmpty()) throw new TatraException("--symbols: give at least one symbol");
            if (symbols.stream().distinct().count() != symbols.size()) throw new TatraException("--symbols: a symbol appears twice");
            if (from == null) throw new TatraException("--from is required (e.g. 2024-01-01)");
            if (to != null && !to.isAfter(from)) throw new TatraException("--to must be after --from");
            try {
                BybitInterval.code(interval);
            } catch (ProtocolException e) {
                throw new TatraException("--interval " + interval.code() + ": " + e.getMessage());
            }
        }
    }

    /** What one symbol's download did. */
    public record Result(Symbol symbol, long bars, long barsAdded, long barsConflicting, long venueGaps, long funding, long fundingAdded,
                         long openInterest, long openInterestAdded, Instant first, Instant last, long pages) {}

    /** Hears progress: rows done out of an estimated total for a label. */
    @FunctionalInterface
    public interface Progress {
        void update(String label, long done, long total);
    }

    public static List<Result> run(Request r, BybitRestClient client, Progress progress) {
        BybitMarket market = new BybitMarket(client);
        List<Result> out = new ArrayList<>();
        try (TatraStore store = TatraStore.open(r.home())) {
            for (Symbol s : r.symbols()) out.add(symbol(r, s, market, client, store, progress));
        } catch (BybitException e) { // the venue unreachable or refusing: the user's network or --venue, not a bug
            throw new TatraException(client.config().baseUrl() + ": " + e.getMessage() + " (check the network and --venue; what was stored so far stays, "
                    + "and a second run continues from it)");
        }
        return out;
    }

    private static Result symbol(Request r, Symbol s, BybitMarket market, BybitRestClient client, TatraStore store, Progress progress) {
        long step = r.interval().millis();
        // the venue's newest kline is the one still forming (on Bybit, and on the paper exchange's replay): only bars before it are closed
        List<Kline> newest = market.klines(s.value(), r.interval(), null, null, 1);
        if (newest.isEmpty()) throw new TatraException("the venue has no " + s + " " + r.interval().code() + " klines");
        long forming = newest.get(newest.size() - 1).startTime();
        long end = Math.min(r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli(), forming);
        long from = r.interval().floor(r.from().toEpochMilli() + step - 1);
        // before the symbol was listed there is nothing: start at the venue's earliest bar at or after --from
        List<Kline> earliest = market.klines(s.value(), r.interval(), from, null, 1);
        if (!earliest.isEmpty()) from = Math.max(from, earliest.get(0).startTime());
        long start = from;
        for (CandleTable.SeriesInfo i : store.candles().list())
            if (i.symbol().equals(s) && i.interval() == r.interval() && i.first().toEpochMilli() <= from)
                start = Math.max(start, i.last().toEpochMilli() + step); // resume after the last stored bar
        long total = Math.max(1, (end - from) / step), bars = 0, added = 0, conflicting = 0, gaps = 0, pages = 0;
        Instant first = null, last = null;
        while (start + step <= end) {
            long pageEnd = Math.min(end - step, start + 999 * step);
            String url = client.config().baseUrl() + "/v5/market/kline?category=linear&symbol=" + s.value() + "&interval=" + BybitInterval.code(r.interval())
                    + "&start=" + start + "&end=" + pageEnd + "&limit=1000";
            List<Kline> page;
            try {
                page = market.klines(s.value(), r.interval(), start, pageEnd, 1000);
            } catch (ProtocolException e) {
                throw new TatraException(url + ": " + e.getMessage());
            } catch (BybitException e) {
                throw new TatraException(url + ": " + e.getMessage() + " (" + bars + " bars stored so far; run again to continue)");
            }
            List<Kline> closed = new ArrayList<>();
            for (Kline k : page)
                if (k.startTime() >= start && k.startTime() <= pageEnd && k.startTime() < forming) closed.add(k);
            pages++;
            if (!closed.isEmpty()) {
                int n = closed.size();
                long[] t = new long[n];
                double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n], qv = new double[n];
                for (int i = 0; i < n; i++) {
                    Kline k = closed.get(i);
                    t[i] = k.startTime();
                    o[i] = k.open().doubleValue();
                    h[i] = k.high().doubleValue();
                    l[i] = k.low().doubleValue();
                    c[i] = k.close().doubleValue();
                    v[i] = k.volume().doubleValue();
                    qv[i] = k.turnover().doubleValue();
                }
                BarImporter.PageCheck check = BarImporter.validatePage(url, s, r.interval(), t, o, h, l, c, v, qv);
                CandleTable.WriteResult w = store.candles().write(check.bars(), false);
                bars += check.bars().size();
                added += w.added();
                conflicting += w.conflicting();
                if (first == null) first = check.bars().openTime(0);
                last = check.bars().openTime(check.bars().size() - 1);
            }
            gaps += (pageEnd - start) / step + 1 - closed.size();
            start = pageEnd + step;
            progress.update(s.value() + " " + r.interval().code(), Math.min(total, (start - from) / step), total);
        }
        long[] fr = r.funding() ? funding(r, s, market, store) : new long[2];
        long[] oi = r.openInterest() ? openInterest(r, s, market, store, end) : new long[2];
        return new Result(s, bars, added, conflicting, gaps, fr[0], fr[1], oi[0], oi[1], first, last, pages);
    }

    /** Funding settlements in [from, to), paging back from the end; returns {received, added}. */
    private static long[] funding(Request r, Symbol s, BybitMarket market, TatraStore store) {
        long from = r.from().toEpochMilli();
        List<io.tatra.market.FundingRate> stored = store.funding().funding(s, r.from(), r.to());
        if (!stored.isEmpty()) from = Math.max(from, stored.get(stored.size() - 1).time().toEpochMilli() + 1);
        Long endTime = r.to() == null ? null : r.to().toEpochMilli() - 1;
        List<io.tatra.market.FundingRate> got = new ArrayList<>();
        for (FundingRate f : market.fundingBetween(s.value(), from, endTime)) got.add(new io.tatra.market.FundingRate(s, Instant.ofEpochMilli(f.time()), f.rate().doubleValue()));
        RateTable.WriteResult w = store.funding().writeFunding(s, got, false);
        return new long[]{got.size(), w.added()};
    }

    /**
     * Bybit's open-interest {@code intervalTime} for bars of {@code interval}: the same, or the finest coarser one
     * (5min for 1m and 3m bars, 1h for 2h … 12h).
     */
    static String openInterestResolution(Interval interval) {
        return switch (interval) {
            case M1, M3, M5 -> "5min";
            case M15 -> "15min";
            case M30 -> "30min";
            case H4 -> "4h";
            case D1 -> "1d";
            default -> "1h";
        };
    }

    /** Open interest in [from, to) at the interval's resolution (1h when Bybit has none for it); returns {received, added}. */
    private static long[] openInterest(Request r, Symbol s, BybitMarket market, TatraStore store, long end) {
        String res = openInterestResolution(r.interval());
        List<io.tatra.market.OpenInterest> distinct = new ArrayList<>();
        for (OpenInterestPoint x : market.openInterestBetween(s.value(), res, r.from().toEpochMilli(), end - 1))
            distinct.add(new io.tatra.market.OpenInterest(s, Instant.ofEpochMilli(x.time()), x.openInterest().doubleValue()));
        RateTable.WriteResult w = store.openInterest().writeOpenInterest(s, distinct, false);
        return new long[]{distinct.size(), w.added()};
    }
}
