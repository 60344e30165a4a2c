package io.tatra.live;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class LiveEngineTest {
    static final Symbol BTC = Symbol.of("BTCUSDT");
    static final long H = 3_600_000L, T0 = 1_704_067_200_000L;
    static final Instrument IN = new Instrument("BTCUSDT", "Trading", new BigDecimal("0.1"), new BigDecimal("0.001"), new BigDecimal("0.001"),
            new BigDecimal("100"), new BigDecimal("50"), new BigDecimal("5"), new BigDecimal("100"), 480);

    @TempDir
    Path dir;

    /** An in-memory venue: fills every order at once, keeps signed positions. */
    static class FakeVenue implements LiveEngine.Venue {
        final List<OrderRequest> orders = new ArrayList<>();
        final Map<String, BigDecimal> positions = new HashMap<>();

        @Override
        public String place(OrderRequest o) {
            orders.add(o);
            positions.merge(o.symbol(), o.side() == OrderRequest.Side.Buy ? o.qty() : o.qty().negate(), BigDecimal::add);
            return "id-" + orders.size();
        }

        @Override
        public Reconciliation.State state() { return new Reconciliation.State(positions, Set.of()); }

        @Override
        public double equity() { return 10_000; }

        @Override
        public boolean hasOrder(String symbol, String orderLinkId) { return orders.stream().anyMatch(o -> o.orderLinkId().value().equals(orderLinkId)); }

        final List<String> stops = new ArrayList<>();
        double stop = Double.NaN;

        @Override
        public LiveEngine.Holding holding(String symbol) { return positions.getOrDefault(symbol, BigDecimal.ZERO).signum() == 0 ? null : new LiveEngine.Holding(40_000, stop, Double.NaN); }

        @Override
        public void moveStop(String symbol, BigDecimal level) {
            if (level.doubleValue() > 40_060) throw new IllegalStateException("10001 stop loss on the wrong side of the last price"); // the price moved since the close
            stops.add(symbol + " " + level.toPlainString() + " after " + orders.size() + " orders");
            stop = level.doubleValue();
        }
    }

    /** Long half on bar 0; then trailing stops: tighter, looser, with a partial exit, above the close, refused by the venue. */
    private static final Strategy TRAIL = (history, i, view) -> {
        long n = (history.openTimeMillis(i) - T0) / H;
        double close = history.close(i);
        if (n == 1 && view.position(BTC) != 0) assertEquals(40_000, view.averageEntry(BTC), "the venue's entry price");
        if (n == 2 && view.position(BTC) != 0) assertEquals(39_900, view.stopPrice(BTC), 1e-9, "the venue's stop, as moved on bar 1 (39,899.97 rounded up to the tick)");
        return switch ((int) n) {
            case 0 -> List.of(new TargetOrder(BTC, 0.5, Double.NaN, Double.NaN, "d-0"));
            case 1 -> List.of(TargetOrder.trail(BTC, close - 100.03, "d-1")); // rounded up to the tick: toward the position
            case 2 -> List.of(TargetOrder.trail(BTC, close - 200, "d-2"));
            case 3 -> List.of(new TargetOrder(BTC, 0.25, Double.NaN, Double.NaN, "d-3", close - 50));
            case 4 -> List.of(TargetOrder.trail(BTC, close + 5, "d-4"));
            default -> List.of(TargetOrder.trail(BTC, close - 20, "d-" + n));
        };
    };

    @Test
    void trailingStopsGoToTheVenueOnlyWhenTheyTightenAndAfterThePartialExit() {
        for (boolean dry : new boolean[]{false, true}) {
            FakeVenue v = new FakeVenue();
            List<String> log = new ArrayList<>();
            LiveEngine e = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, dry, RiskLimits.defaults()), TRAIL, v, Map.of(BTC, IN),
                    new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), new LatencyRecorder(), (kind, s, t, detail) -> log.add(kind + " " + detail), System::nanoTime);
            double[] closes = {40_000, 40_000, 40_010, 40_050, 40_060, 40_100};
            for (int i = 0; i < closes.length; i++) e.onClosedBar(BTC, bar(i, closes[i]), 0);
            if (dry) {
                assertEquals(List.of(), v.stops, "a dry run moves nothing");
                assertTrue(log.stream().noneMatch(l -> l.startsWith("stop-moved")), log.toString());
                continue;
            }
            assertEquals(List.of("BTCUSDT 39900 after 1 orders", "BTCUSDT 40000 after 2 orders"), v.stops, log.toString());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("stop-not-moved d-2") && l.contains("would not tighten")), log.toString());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("stop-not-moved d-4") && l.contains("not below the close")), log.toString());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("stop-not-moved") && l.contains("the venue refused")), "a venue's refusal is logged: " + log);
            assertEquals(0, e.counts().errors(), "and it is no error: the older stop stays");
            assertEquals(2, e.stopsMoved());
        }
    }

    private static Kline bar(int i, double close) {
        BigDecimal c = BigDecimal.valueOf(close);
        return new Kline(T0 + i * H, c, c.add(BigDecimal.TEN), c.subtract(BigDecimal.TEN), c, BigDecimal.ONE, BigDecimal.ONE);
    }

    /** Long half the equity on even bars, flat on odd ones; it sees a window of the bars so far. */
    private static final Strategy ALTERNATE = (history, i, view) -> {
        assertEquals(history.size() - 1, i, "the engine hands the strategy its newest bar");
        long n = (history.openTimeMillis(i) - T0) / H;
        return List.of(new TargetOrder(BTC, n % 2 == 0 ? 0.5 : 0, 0.02, 0.03, "d-" + n));
    };

    private LiveEngine engine(FakeVenue v, boolean dryRun, KillSwitch kill, List<String> log) {
        AtomicLong clock = new AtomicLong();
        return new LiveEngine(new LiveEngine.Config(Interval.H1, 100, dryRun, RiskLimits.defaults()), ALTERNATE, v, Map.of(BTC, IN), kill, new LatencyRecorder(),
                (kind, s, t, detail) -> log.add(kind + " " + detail), () -> clock.addAndGet(10_000));
    }

    @Test
    void eachClosedBarBecomesTheStrategysOrderWithItsProtection() {
        FakeVenue v = new FakeVenue();
        List<String> log = new ArrayList<>();
        LiveEngine e = engine(v, false, new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), log);
        for (int i = 0; i < 4; i++) e.onClosedBar(BTC, bar(i, 40_000), 0);
        assertEquals(4, v.orders.size());
        OrderRequest open = v.orders.get(0), close = v.orders.get(1);
        assertEquals(OrderRequest.Side.Buy, open.side());
        assertEquals(new BigDecimal("0.125"), open.qty());
        assertNotNull(open.stopLoss());
        assertTrue(close.reduceOnly());
        assertEquals(0, v.positions.get("BTCUSDT").signum(), "flat after the odd bar");
        assertTrue(log.get(0).startsWith("sent Buy 0.125 BTCUSDT SL 39200 TP 41200"), log.get(0));
    }

    @Test
    void theStatusFileSaysCountsKillSwitchAndLatency() throws Exception {
        FakeVenue v = new FakeVenue();
        Path status = dir.resolve("live/status.json");
        java.nio.file.Files.createDirectories(status.getParent());
        AtomicLong clock = new AtomicLong();
        LiveEngine e = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, false, RiskLimits.defaults(), status), ALTERNATE, v, Map.of(BTC, IN),
                new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), new LatencyRecorder(), (k, s, t, d) -> {}, () -> clock.addAndGet(250_000));
        for (int i = 0; i < 6; i++) e.onClosedBar(BTC, bar(i, 40_000), clock.get());
        var json = io.tatra.Json.MAPPER.readTree(java.nio.file.Files.readString(status));
        assertEquals(6, json.get("bars").asInt());
        assertEquals(6, json.get("orders_sent").asInt());
        assertEquals("off", json.get("kill_switch").asText());
        assertEquals(6, json.get("latency_ms").get("received_to_order_sent").get("count").asInt());
        assertEquals(6, json.get("latency_ms").get("received_to_decision").get("count").asInt(), "every bar's decision is timed");
        assertTrue(json.get("latency_ms").get("received_to_order_sent").get("p50_ms").asDouble() > 0);
        try (var files = java.nio.file.Files.list(status.getParent())) {
            assertEquals(1, files.count(), "written atomically: no temporary file left");
        }
    }

    @Test
    void aCrashBetweenIntentAndAckIsSettledByLookupAndNothingIsSentTwice() throws Exception {
        Path orderLog = dir.resolve("orders.jsonl");
        FakeVenue v = new FakeVenue();
        // a first life: the intent of d-0 is on disk, the order reached the venue, the process died before the ack;
        // the intent of d-1 is on disk too, but the process died before sending it
        try (OrderLog l = OrderLog.open(orderLog)) {
            l.intent(io.tatra.bybit.protocol.OrderLinkId.of("d-0", 0).value(), "BTCUSDT", "Buy", "0.125", T0);
            v.place(new OrderRequest("BTCUSDT", OrderRequest.Side.Buy, OrderRequest.Type.Market, new BigDecimal("0.125"), null, null,
                    io.tatra.bybit.protocol.OrderLinkId.of("d-0", 0), false, null, null));
            l.intent(io.tatra.bybit.protocol.OrderLinkId.of("d-1", 0).value(), "BTCUSDT", "Sell", "0.125", T0 + H);
        }
        java.nio.file.Files.writeString(orderLog, java.nio.file.Files.readString(orderLog) + "{\"type\":\"ack\",\"orderLi", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING); // torn tail
        List<String> log = new ArrayList<>();
        LiveEngine e = engine(v, false, new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), log);
        List<String> settled = e.recover(orderLog);
        assertEquals(2, settled.size(), settled.toString());
        assertTrue(settled.get(0).startsWith("adopted Buy 0.125 BTCUSDT"), settled.get(0));
        assertTrue(settled.get(1).startsWith("abandoned Sell 0.125 BTCUSDT"), settled.get(1));
        assertEquals(1, v.orders.size(), "nothing was sent again");
        assertEquals(List.of(), OrderLog.pending(orderLog), "a second restart has nothing to settle");
        e.onClosedBar(BTC, bar(3, 40_000), 0); // the adopted long is closed on the next odd bar
        assertEquals(2, v.orders.size());
        assertTrue(v.orders.get(1).reduceOnly());
        assertEquals(List.of(), OrderLog.pending(orderLog), "the new order's intent and ack are both in the log");
    }

    @Test
    void everyDecisionIsJournalledEvenInDryRun() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        LiveEngine e = engine(new FakeVenue(), true, new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), new ArrayList<>());
        e.journalDecisions(file);
        for (int i = 0; i < 3; i++) e.onClosedBar(BTC, bar(i, 40_000), 0);
        var read = io.tatra.journal.JournalReader.read(file, io.tatra.journal.Decision.class);
        assertTrue(read.clean(), read.problems().toString());
        assertEquals(3, read.records().size());
        var d0 = read.records().get(0);
        assertEquals("d-0", d0.id());
        assertEquals(io.tatra.journal.Signal.BUY, d0.signal());
        assertEquals(java.time.Instant.ofEpochMilli(T0 + H), d0.timestamp(), "stamped at the bar's close");
        assertEquals(0.5, d0.features().get("target_fraction"));
        assertEquals(io.tatra.journal.Signal.HOLD, read.records().get(1).signal(), "flat is a hold");
    }

    @Test
    void aVenueFailureIsLoggedAndStopsOpeningInsteadOfTradingBlind() {
        FakeVenue v = new FakeVenue() {
            int calls;

            @Override
            public String place(OrderRequest o) {
                if (++calls == 1) throw new IllegalStateException("venue unreachable after 3 attempts");
                return super.place(o);
            }
        };
        List<String> log = new ArrayList<>();
        KillSwitch k = new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING);
        LiveEngine e = engine(v, false, k, log);
        e.onClosedBar(BTC, bar(0, 40_000), 0);
        assertEquals(KillSwitch.Policy.STOP_OPENING, k.check());
        assertTrue(log.get(0).startsWith("error IllegalStateException: venue unreachable"), log.get(0));
        e.onClosedBar(BTC, bar(2, 40_000), 0);
        assertTrue(v.orders.isEmpty(), "no new position after an error");
        assertEquals(new LiveEngine.Counts(0, 1, 0, 1), e.counts());
    }

    @Test
    void dryRunSendsNothingAndTheKillSwitchStopsOpeningOrFlattens() throws Exception {
        FakeVenue dry = new FakeVenue();
        List<String> log = new ArrayList<>();
        engine(dry, true, new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), log).onClosedBar(BTC, bar(0, 40_000), 0);
        assertTrue(dry.orders.isEmpty());
        assertTrue(log.get(0).startsWith("dry-run would send Buy 0.125"), log.get(0));

        FakeVenue v = new FakeVenue();
        List<String> log2 = new ArrayList<>();
        KillSwitch k = new KillSwitch(dir.resolve("STOP2"), KillSwitch.Policy.STOP_OPENING);
        LiveEngine e = engine(v, false, k, log2);
        e.onClosedBar(BTC, bar(0, 40_000), 0); // opens
        Files.writeString(dir.resolve("STOP2"), "stop");
        e.onClosedBar(BTC, bar(1, 40_000), 0); // closing is still allowed
        e.onClosedBar(BTC, bar(2, 40_000), 0); // opening is not
        assertEquals(2, v.orders.size());
        assertTrue(log2.get(2).startsWith("stopped d-2"), log2.toString());

        FakeVenue f = new FakeVenue();
        List<String> log3 = new ArrayList<>();
        KillSwitch flat = new KillSwitch(dir.resolve("STOP3"), KillSwitch.Policy.STOP_OPENING);
        LiveEngine e3 = engine(f, false, flat, log3);
        e3.onClosedBar(BTC, bar(0, 40_000), 0);
        flat.trip(KillSwitch.Policy.FLATTEN);
        e3.onClosedBar(BTC, bar(1, 40_000), 0);
        e3.onClosedBar(BTC, bar(2, 40_000), 0);
        assertEquals(2, f.orders.size(), "one open, one flatten, nothing after");
        assertTrue(f.orders.get(1).reduceOnly());
        assertEquals(0, f.positions.get("BTCUSDT").signum());
        assertTrue(log3.stream().anyMatch(l -> l.startsWith("halted")));
    }
}
