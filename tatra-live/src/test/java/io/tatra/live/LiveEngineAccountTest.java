package io.tatra.live;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine reads the venue's account at a bar's start only when its account view cannot vouch for it. */
class LiveEngineAccountTest {
    private static final Symbol BTC = LiveEngineTest.BTC;
    private static final long H = LiveEngineTest.H, T0 = LiveEngineTest.T0;

    @TempDir
    Path dir;

    /** A venue that counts its reads and keeps each order's stop and take profit on the position, as Bybit does. */
    static class CountingVenue extends LiveEngineTest.FakeVenue {
        int positionReads, equityReads;
        double sl = Double.NaN, tp = Double.NaN, equity = 10_000;

        @Override
        public String place(OrderRequest o) {
            String id = super.place(o);
            if (o.stopLoss() != null) sl = o.stopLoss().doubleValue();
            if (o.takeProfit() != null) tp = o.takeProfit().doubleValue();
            return id;
        }

        @Override
        public Map<String, BigDecimal> positions() {
            positionReads++;
            return Map.copyOf(positions);
        }

        @Override
        public double equity() {
            equityReads++;
            return equity;
        }

        @Override
        public LiveEngine.Holding holding(String symbol) {
            return positions.getOrDefault(symbol, BigDecimal.ZERO).signum() == 0 ? null : new LiveEngine.Holding(40_000, sl, tp);
        }

        /** The stop filled between two bars: flat, and the loss is in the wallet. */
        void stopFilled() {
            positions.put("BTCUSDT", BigDecimal.ZERO);
            equity = 9_900;
        }
    }

    @Test
    void theAccountIsReadAtABarsStartOnlyWhenTheViewCannotVouchForIt() {
        CountingVenue v = new CountingVenue();
        List<String> seen = new ArrayList<>();
        // long a quarter on bar 1, then hold (a target that keeps the position); it records what it sees
        Strategy s = (history, i, view) -> {
            long n = (history.openTimeMillis(i) - T0) / H;
            if (n > 0) seen.add(n + ":" + view.position(BTC) + "@" + Math.round(view.equity()));
            return n == 1 ? List.of(new TargetOrder(BTC, 0.25, 0.02, 0.03, "d-1")) : List.of();
        };
        LiveEngine e = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, false, RiskLimits.defaults()), s, v, Map.of(BTC, LiveEngineTest.IN),
                new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), new LatencyRecorder(), (k, sym, t, d) -> {}, System::nanoTime);
        e.warmUp(BTC, bar(0, 40_000, 100));
        e.onClosedBar(BTC, bar(1, 40_000, 100), 0); // the first live bar reads; it buys 0.062 (a quarter, rounded down to the step) with SL 39,200 and TP 41,200
        assertEquals(2, v.positionReads, "the first bar's read, and one after its order");
        int afterOrder = v.positionReads;
        e.onClosedBar(BTC, bar(2, 40_400, 300), 0); // inside the levels: the view vouches, marked to the close
        assertEquals(afterOrder, v.positionReads, "a bar that cannot have moved the position reads nothing");
        v.stopFilled();
        e.onClosedBar(BTC, bar(3, 39_300, 200), 0); // its low, 39,100, is under the stop: the engine reads and sees the fill
        assertEquals(afterOrder + 1, v.positionReads);
        e.onClosedBar(BTC, bar(4, 39_300, 200), 0);
        assertEquals(afterOrder + 1, v.positionReads, "flat again: nothing to read");
        assertEquals(List.of("1:0.0@10000", "2:0.062@10025", "3:0.0@9900", "4:0.0@9900"), seen);
        var reads = e.accountReads();
        assertEquals(2, reads.fromView());
        assertEquals(Map.of(AccountView.Why.FIRST_READ, 1L, AccountView.Why.LEVEL_REACHED, 1L), reads.read());
    }

    @Test
    void ordersAreTimedByHowTheirBarKnewTheAccount() {
        CountingVenue v = new CountingVenue();
        // long on bar 1 (the first live bar: read), stopped out before bar 3 (level reached: read), long again on bar 4 (the view)
        Strategy s = (history, i, view) -> {
            long n = (history.openTimeMillis(i) - T0) / H;
            view.position(BTC); // as a model strategy looks at the position on every bar
            return n == 1 || n == 4 ? List.of(new TargetOrder(BTC, 0.25, 0.02, 0.03, "d-" + n)) : List.of();
        };
        LatencyRecorder latency = new LatencyRecorder();
        LiveEngine e = longAfterTwoBars(v, s, latency);
        v.stopFilled();
        e.onClosedBar(BTC, bar(3, 39_300, 200), System.nanoTime());
        e.onClosedBar(BTC, bar(4, 39_300, 200), System.nanoTime());
        var snap = latency.snapshot();
        assertEquals(2.0, snap.get("received_to_order_sent").get("count"));
        assertEquals(1.0, snap.get("order_sent_after_read").get("count"), "bar 1 read the venue before ordering");
        assertEquals(1.0, snap.get("order_sent_after_view").get("count"), "bar 4 ordered from the view");
        assertEquals(0.0, snap.get("order_sent_after_stream").get("count"));
        assertEquals(2.0, snap.get("account_wait").get("count"), "bars 1 and 3 waited for a read; bars 2 and 4 did not");
        assertEquals(1, e.accountReads().read().get(AccountView.Why.LEVEL_REACHED));
    }

    @Test
    void anOrderAfterAStopThePrivateStreamSettledIsTimedAsSuch() {
        CountingVenue v = new CountingVenue();
        Strategy s = (history, i, view) -> {
            long n = (history.openTimeMillis(i) - T0) / H;
            return n == 1 || n == 3 ? List.of(new TargetOrder(BTC, 0.25, 0.02, 0.03, "d-" + n)) : List.of();
        };
        LatencyRecorder latency = new LatencyRecorder();
        LiveEngine e = longAfterTwoBars(v, s, latency);
        v.stopFilled();
        e.onProtectiveFill(new AccountView.ProtectiveFill("BTCUSDT", "Sell", 0.062, 39_200, 1.5, T0 + 3 * H + 60_000)); // the whole long, during bar 3
        int reads = v.positionReads;
        e.onClosedBar(BTC, bar(3, 39_300, 200), System.nanoTime());
        assertEquals(reads + 1, v.positionReads, "bar 3 read nothing at its start (only after its own order)");
        var snap = latency.snapshot();
        assertEquals(1.0, snap.get("order_sent_after_stream").get("count"), "bar 3 ordered once the stream's fills had settled the stop");
        assertEquals(1.0, snap.get("order_sent_after_read").get("count"));
        assertEquals(1.0, snap.get("account_wait").get("count"), "only bar 1 waited for a read");
    }

    @Test
    void fillsThatArriveWhileTheModelRunsSettleTheBarWithoutWaitingForItsRead() {
        CountingVenue v = new CountingVenue(); // never told of the stop: a read would still say long 0.062 at 10,000
        LiveEngine[] engine = new LiveEngine[1];
        List<String> seen = new ArrayList<>();
        Strategy s = (history, i, view) -> {
            long n = (history.openTimeMillis(i) - T0) / H;
            if (n == 3) // the private stream's frame comes in after the kline's, while the model runs
                engine[0].onProtectiveFill(new AccountView.ProtectiveFill("BTCUSDT", "Sell", 0.062, 39_200, 1.5, T0 + 3 * H + 60_000));
            if (n > 0) seen.add(n + ":" + view.position(BTC) + "@" + Math.round(view.equity()));
            return n == 1 || n == 3 ? List.of(new TargetOrder(BTC, 0.25, 0.02, 0.03, "d-" + n)) : List.of();
        };
        LatencyRecorder latency = new LatencyRecorder();
        engine[0] = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, false, RiskLimits.defaults()), s, v, Map.of(BTC, LiveEngineTest.IN),
                new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), latency, (k, sym, t, d) -> {}, System::nanoTime);
        LiveEngine e = engine[0];
        e.warmUp(BTC, bar(0, 40_000, 100));
        e.onClosedBar(BTC, bar(1, 40_000, 100), System.nanoTime());
        e.onClosedBar(BTC, bar(2, 40_400, 300), System.nanoTime());
        e.onClosedBar(BTC, bar(3, 39_300, 200), System.nanoTime()); // its low reaches the stop, no fill heard yet: the read starts
        // flat, and the loss at the fill price less the fee: 10,000 + 0.062 × (39,200 − 40,000) − 1.5
        assertEquals(List.of("1:0.0@10000", "2:0.062@10025", "3:0.0@9949"), seen, "the stream's fills, not the stale read");
        var reads = e.accountReads();
        assertEquals(1, reads.settledByStream());
        assertEquals(Map.of(AccountView.Why.FIRST_READ, 1L), reads.read(), "the level's read no longer counts as one");
        assertEquals(2, reads.fromView());
        var snap = latency.snapshot();
        assertEquals(1.0, snap.get("order_sent_after_stream").get("count"));
        assertEquals(1.0, snap.get("account_wait").get("count"), "only the first bar waited for a read");
    }

    @Test
    void fillsThatArriveWhileTheReadIsInFlightAnswerFirst() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean hang = new java.util.concurrent.atomic.AtomicBoolean();
        CountingVenue v = new CountingVenue() { // never told of the stop; its next positions read hangs until released
            @Override
            public Map<String, BigDecimal> positions() {
                if (hang.getAndSet(false))
                    try {
                        release.await(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                return super.positions();
            }
        };
        List<String> seen = new ArrayList<>();
        Strategy s = (history, i, view) -> {
            long n = (history.openTimeMillis(i) - T0) / H;
            if (n > 0) seen.add(n + ":" + view.position(BTC) + "@" + Math.round(view.equity()));
            return n == 1 ? List.of(new TargetOrder(BTC, 0.25, 0.02, 0.03, "d-1")) : List.of();
        };
        LatencyRecorder latency = new LatencyRecorder();
        LiveEngine e = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, false, RiskLimits.defaults()), s, v, Map.of(BTC, LiveEngineTest.IN),
                new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), latency, (k, sym, t, d) -> {}, System::nanoTime);
        e.warmUp(BTC, bar(0, 40_000, 100));
        e.onClosedBar(BTC, bar(1, 40_000, 100), System.nanoTime());
        e.onClosedBar(BTC, bar(2, 40_400, 300), System.nanoTime());
        hang.set(true);
        Thread stream = new Thread(() -> { // the private stream's frame, 50 ms after the kline: the decision is already waiting
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            e.onProtectiveFill(new AccountView.ProtectiveFill("BTCUSDT", "Sell", 0.062, 39_200, 1.5, T0 + 3 * H + 60_000));
        });
        stream.start();
        e.onClosedBar(BTC, bar(3, 39_300, 200), System.nanoTime()); // its low reaches the stop: the read starts and hangs
        long unanswered = release.getCount();
        release.countDown();
        stream.join();
        assertEquals(1, unanswered, "the bar ended before its read answered");
        assertEquals(List.of("1:0.0@10000", "2:0.062@10025", "3:0.0@9949"), seen, "the stream's fills, not the stale read");
        assertEquals(1, e.accountReads().settledByStream());
        var wait = latency.snapshot().get("account_wait");
        assertEquals(2.0, wait.get("count"), "the first bar's read and the stream's fills waited for");
        assertTrue(wait.get("max_ms") >= 40, "bar 3 waited for the stream's frame: " + wait);
    }

    @Test
    void aPartialLateFillLeavesTheReadToAnswer() {
        CountingVenue v = new CountingVenue();
        LiveEngine[] engine = new LiveEngine[1];
        List<String> seen = new ArrayList<>();
        Strategy s = (history, i, view) -> {
            long n = (history.openTimeMillis(i) - T0) / H;
            if (n == 3) engine[0].onProtectiveFill(new AccountView.ProtectiveFill("BTCUSDT", "Sell", 0.030, 39_200, 0.7, T0 + 3 * H + 60_000)); // half of it
            if (n > 0) seen.add(n + ":" + view.position(BTC) + "@" + Math.round(view.equity()));
            return n == 1 ? List.of(new TargetOrder(BTC, 0.25, 0.02, 0.03, "d-1")) : List.of();
        };
        engine[0] = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, false, RiskLimits.defaults()), s, v, Map.of(BTC, LiveEngineTest.IN),
                new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), new LatencyRecorder(), (k, sym, t, d) -> {}, System::nanoTime);
        LiveEngine e = engine[0];
        e.warmUp(BTC, bar(0, 40_000, 100));
        e.onClosedBar(BTC, bar(1, 40_000, 100), System.nanoTime());
        e.onClosedBar(BTC, bar(2, 40_400, 300), System.nanoTime());
        v.stopFilled(); // the venue knows the stop filled before bar 3 arrives (its read, started with the bar, says so)
        e.onClosedBar(BTC, bar(3, 39_300, 200), System.nanoTime());
        assertEquals("3:0.0@9900", seen.get(2), "the read's answer");
        assertEquals(1L, e.accountReads().read().get(AccountView.Why.LEVEL_REACHED));
        assertEquals(0, e.accountReads().settledByStream());
    }

    @Test
    void theLeverageRoomASymbolSizesIntoDoesNotDependOnWhichBarOfTheCloseCameFirst() {
        Symbol eth = Symbol.of("ETHUSDT");
        // ETH held at half the equity (no levels); at close 3 BTC wants all of it: the 1× leverage cap leaves the room
        // ETH does not use, with ETH marked at its close before close 3 — though ETH's own bar 3 jumped 10 %
        java.util.function.Function<Boolean, Double> btcQty = ethFirst -> {
            CountingVenue v = new CountingVenue();
            Strategy s = (history, i, view) -> {
                long n = (history.openTimeMillis(i) - T0) / H;
                if (history.symbol().equals(eth)) return n == 1 ? List.of(new TargetOrder(eth, 0.5, Double.NaN, Double.NaN, "e-1")) : List.of();
                return n == 3 ? List.of(new TargetOrder(BTC, 1.0, Double.NaN, Double.NaN, "b-3")) : List.of();
            };
            LiveEngine e = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, false, RiskLimits.defaults()), s, v,
                    Map.of(BTC, LiveEngineTest.IN, eth, RehearsalTest.eth()), new KillSwitch(dir.resolve("STOP" + ethFirst), KillSwitch.Policy.STOP_OPENING),
                    new LatencyRecorder(), (k, sym, t, d) -> {}, System::nanoTime);
            e.warmUp(BTC, bar(0, 40_000, 100));
            e.warmUp(eth, bar(0, 2_000, 5));
            for (int i = 1; i <= 2; i++) {
                e.onClosedBar(eth, bar(i, 2_000, 5), System.nanoTime());
                e.onClosedBar(BTC, bar(i, 40_000, 100), System.nanoTime());
            }
            if (ethFirst) e.onClosedBar(eth, bar(3, 2_200, 5), System.nanoTime());
            e.onClosedBar(BTC, bar(3, 40_000, 100), System.nanoTime());
            if (!ethFirst) e.onClosedBar(eth, bar(3, 2_200, 5), System.nanoTime());
            return v.orders.stream().filter(o -> o.symbol().equals("BTCUSDT")).findFirst().orElseThrow().qty().doubleValue();
        };
        double first = btcQty.apply(true), last = btcQty.apply(false);
        assertEquals(last, first, 1e-12, "the same BTC quantity whichever bar of close 3 arrived first");
        // ETH 2.5 (half of 10,000 at 2,000, rounded down to the step) marked at 2,000: room 5,000 → 0.125 BTC at 40,000
        assertEquals(0.125, first, 1e-12);
    }

    @Test
    void theRequestGoingOutIsTimedWhenTheVenueCanSayAndLeftOutWhenItsStampIsOnAnotherClock() {
        for (boolean sameClock : new boolean[]{true, false}) {
            CountingVenue v = new CountingVenue() {
                long out = -1;

                @Override
                public String place(OrderRequest o) {
                    out = sameClock ? System.nanoTime() : 5; // 5: a stamp from some other clock
                    return super.place(o);
                }

                @Override
                public long requestOutNanos() { return out; }
            };
            Strategy s = (history, i, view) -> List.of(new TargetOrder(BTC, (history.openTimeMillis(i) - T0) / H % 2 == 1 ? 0.25 : 0, Double.NaN, Double.NaN,
                    "d-" + history.openTimeMillis(i)));
            LatencyRecorder latency = new LatencyRecorder();
            LiveEngine e = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, false, RiskLimits.defaults()), s, v, Map.of(BTC, LiveEngineTest.IN),
                    new KillSwitch(dir.resolve("STOP" + sameClock), KillSwitch.Policy.STOP_OPENING), latency, (k, sym, t, d) -> {}, System::nanoTime);
            e.warmUp(BTC, bar(0, 40_000, 100));
            for (int i = 1; i <= 4; i++) e.onClosedBar(BTC, bar(i, 40_000, 100), System.nanoTime());
            var snap = latency.snapshot();
            assertEquals(4.0, snap.get("received_to_order_sent").get("count"), "long, flat, long, flat");
            assertEquals(sameClock ? 4.0 : 0.0, snap.get("received_to_request_out").get("count"));
            assertEquals(4.0, snap.get("acknowledged").get("count"), "every order acknowledged either way");
            assertEquals(new LiveEngine.Counts(4, 0, 0, 0), e.counts());
        }
    }

    /** An engine over {@code v} and {@code s}, warmed on bar 0, after bars 1 (40,000) and 2 (40,400, inside a long's levels). */
    private LiveEngine longAfterTwoBars(CountingVenue v, Strategy s, LatencyRecorder latency) {
        LiveEngine e = new LiveEngine(new LiveEngine.Config(Interval.H1, 100, false, RiskLimits.defaults()), s, v, Map.of(BTC, LiveEngineTest.IN),
                new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), latency, (k, sym, t, d) -> {}, System::nanoTime);
        e.warmUp(BTC, bar(0, 40_000, 100));
        e.onClosedBar(BTC, bar(1, 40_000, 100), System.nanoTime());
        e.onClosedBar(BTC, bar(2, 40_400, 300), System.nanoTime());
        return e;
    }

    /** A bar of {@code close} whose low and high are {@code half} away from it. */
    private static Kline bar(int i, double close, double half) {
        BigDecimal c = BigDecimal.valueOf(close), d = BigDecimal.valueOf(half);
        return new Kline(T0 + i * H, c, c.add(d), c.subtract(d), c, BigDecimal.ONE, BigDecimal.ONE);
    }
}
