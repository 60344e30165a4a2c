package io.tatra.app;

import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.backtest.CostConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.exchange.BookModel;
import io.tatra.exchange.FaultPlan;
import io.tatra.exchange.MarketClock;
import io.tatra.exchange.PaperConfig;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.exchange.PaperVenue;
import io.tatra.features.MarketFrame;
import io.tatra.market.FundingRate;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts Tatra's paper exchange over the store: the symbols' stored bars, funding and open interest, replayed from
 * {@code start} at {@code speed} market seconds per wall second (0 = the clock stands still until moved), with
 * instruments derived from each symbol's price level unless a file gives them.
 */
public final class PaperExchangeService {
    private PaperExchangeService() {}

    /** What to serve and how. {@code instruments} and {@code faults} may be null (derived rules, no faults). */
    public record Request(Path home, List<Symbol> symbols, Interval interval, Instant from, Instant to, Instant start, double speed, int port,
                          double capital, CostConfig costs, List<ApiKey> keys, Path instruments, Path faults, long seed) {
        public Request {
            if (symbols == null || symbols.isEmpty()) throw new TatraException("--symbols: give at least one symbol");
            if (symbols.stream().distinct().count() != symbols.size()) throw new TatraException("--symbols: a symbol appears twice");
            if (!(speed >= 0) || !Double.isFinite(speed) || speed > 1e7) throw new TatraException("--speed must be 0..10000000 market seconds per second, got " + speed);
            if (port < 0 || port > 65535) throw new TatraException("--port must be 0..65535, got " + port);
            if (!(capital > 0) || !Double.isFinite(capital)) throw new TatraException("--capital must be > 0");
            if (keys == null || keys.isEmpty()) throw new TatraException("the paper exchange needs an API key and secret for its clients: set BYBIT_API_KEY and BYBIT_API_SECRET "
                    + "(any values of your choosing) or give --key-file");
        }
    }

    /** Loads the market and starts the server on 127.0.0.1; the caller closes it. */
    public static PaperExchangeServer start(Request r) {
        List<MarketFrame> frames = MarketData.loadAll(r.home(), r.symbols(), r.interval(), r.from(), r.to(), true); // its books are replayed too
        List<Instrument> instruments = r.instruments() != null ? readInstruments(r.instruments()) : frames.stream().map(PaperExchangeService::derive).toList();
        FaultPlan faults = r.faults() != null ? readFaults(r.faults()) : FaultPlan.none();
        long first = frames.stream().mapToLong(f -> f.bars().openTimeMillis(0)).min().orElseThrow();
        long start = r.start() != null ? r.start().toEpochMilli() : first + (long) (0.25 * (frames.get(0).bars().openTimeMillis(frames.get(0).bars().size() - 1) - first));
        MarketClock clock = r.speed() > 0 ? MarketClock.replay(start, r.speed(), System::currentTimeMillis) : new MarketClock.Manual(start);
        PaperConfig cfg = new PaperConfig(instruments, r.capital(), r.costs(), BookModel.defaults(), r.keys(), r.seed(), 100_000);
        PaperVenue venue;
        try {
            venue = new PaperVenue(cfg, frames, clock);
        } catch (IllegalArgumentException e) {
            throw new TatraException(e.getMessage());
        }
        return PaperExchangeServer.start(venue, faults, r.port(), r.speed() > 0 ? 50 : 0);
    }

    /**
     * Trading rules for a symbol from its price level: a tick of about one part in 10⁵ of the median close, a quantity
     * step worth about 1–10 USDT, a 5 USDT minimum notional, 100× leverage, and the funding interval of its stored rates.
     */
    static Instrument derive(MarketFrame f) {
        double[] close = f.bars().closeArray().clone();
        java.util.Arrays.sort(close);
        double median = close[close.length / 2];
        BigDecimal tick = BigDecimal.ONE.scaleByPowerOfTen((int) Math.floor(Math.log10(median)) - 4);
        BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen((int) Math.floor(Math.log10(5 / median)));
        BigDecimal maxQty = step.multiply(BigDecimal.valueOf(1_000_000)), maxMarket = step.multiply(BigDecimal.valueOf(500_000));
        int fundingMinutes = 480;
        List<FundingRate> fr = f.funding();
        if (fr.size() >= 2) fundingMinutes = (int) Math.max(60, (fr.get(fr.size() - 1).time().toEpochMilli() - fr.get(fr.size() - 2).time().toEpochMilli()) / 60_000);
        return new Instrument(f.bars().symbol().value(), "Trading", tick.round(MathContext.DECIMAL64), step, step, maxQty, maxMarket, new BigDecimal("5"), new BigDecimal("100"), fundingMinutes);
    }

    /** A JSON list of instruments: {@code [{"symbol","tickSize","qtyStep","minOrderQty","maxOrderQty","maxMktOrderQty","minNotionalValue","maxLeverage","fundingInterval"}]}. */
    static List<Instrument> readInstruments(Path file) {
        try {
            var root = Json.MAPPER.readTree(Files.readString(file));
            if (!root.isArray() || root.isEmpty()) throw new TatraException(file + ": expected a JSON list of instruments");
            List<Instrument> out = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                var o = root.get(i);
                try {
                    out.add(new Instrument(o.path("symbol").asText(), "Trading", dec(o, "tickSize"), dec(o, "qtyStep"), dec(o, "minOrderQty"), dec(o, "maxOrderQty"),
                            dec(o, "maxMktOrderQty"), dec(o, "minNotionalValue"), dec(o, "maxLeverage"), o.path("fundingInterval").asInt(480)));
                } catch (RuntimeException e) {
                    throw new TatraException(file + ": instrument " + (i + 1) + ": " + e.getMessage());
                }
            }
            return out;
        } catch (IOException e) {
            throw new TatraException(file + ": " + unreadable(e));
        }
    }

    /** Why a file could not be read, in words (a missing file's exception says only its path). */
    static String unreadable(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) return "not valid JSON (" + j.getOriginalMessage() + " at line " + j.getLocation().getLineNr() + ")";
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("cannot read");
    }

    private static BigDecimal dec(com.fasterxml.jackson.databind.JsonNode o, String field) {
        String s = o.path(field).asText("");
        if (!s.matches("[0-9]+(\\.[0-9]+)?")) throw new TatraException("field " + field + " must be a decimal string, got '" + s + "'");
        return new BigDecimal(s);
    }

    /** A fault plan from JSON: the {@link FaultPlan} components by name; missing ones are zero. */
    static FaultPlan readFaults(Path file) {
        try {
            var o = Json.MAPPER.readTree(Files.readString(file));
            if (!o.isObject()) throw new TatraException(file + ": expected a JSON object of faults");
            var known = java.util.Set.of("rateLimitShare", "serverErrorShare", "latencyMillis", "loseOrderResponses", "clockOffsetMillis", "dropSocketSeconds",
                    "duplicateShare", "reorderShare", "dropShare", "bookGapEvery", "seed");
            o.fieldNames().forEachRemaining(n -> { if (!known.contains(n)) throw new TatraException(file + ": unknown fault '" + n + "'; known: " + known); });
            return new FaultPlan(o.path("rateLimitShare").asDouble(0), o.path("serverErrorShare").asDouble(0), o.path("latencyMillis").asLong(0),
                    o.path("loseOrderResponses").asInt(0), o.path("clockOffsetMillis").asLong(0), o.path("dropSocketSeconds").asLong(0),
                    o.path("duplicateShare").asDouble(0), o.path("reorderShare").asDouble(0), o.path("dropShare").asDouble(0), o.path("bookGapEvery").asInt(0), o.path("seed").asLong(1));
        } catch (IOException e) {
            throw new TatraException(file + ": " + unreadable(e));
        } catch (TatraException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TatraException(file + ": " + e.getMessage());
        }
    }
}
