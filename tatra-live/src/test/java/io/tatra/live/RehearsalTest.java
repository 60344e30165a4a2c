package io.tatra.live;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RehearsalTest {
    private static final long H = LiveEngineTest.H, T0 = LiveEngineTest.T0;
    private static final Symbol BTC = LiveEngineTest.BTC, ETH = Symbol.of("ETHUSDT");

    @TempDir
    Path dir;

    private static List<Kline> history(int n, double base) {
        List<Kline> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal c = BigDecimal.valueOf(base + 10 * Math.sin(i));
            out.add(new Kline(T0 + i * H, c, c.add(BigDecimal.TEN), c.subtract(BigDecimal.TEN), c, BigDecimal.ONE, BigDecimal.ONE));
        }
        return out;
    }

    static Instrument eth() {
        Instrument b = LiveEngineTest.IN;
        return new Instrument("ETHUSDT", b.status(), b.tickSize(), b.qtyStep(), b.minOrderQty(), b.maxOrderQty(), b.maxMarketOrderQty(), b.minNotional(), b.maxLeverage(),
                b.fundingIntervalMinutes());
    }

    @Test
    void everyBarReachesTheStrategyInOrderAndTheOrderPathRunsWithoutTouchingAnythingOutside() throws Exception {
        Map<Symbol, List<Long>> seen = new HashMap<>();
        List<Path> folders = new ArrayList<>();
        Strategy recording = (h, i, view) -> {
            seen.computeIfAbsent(h.symbol(), k -> new ArrayList<>()).add(h.openTimeMillis(i));
            view.position(h.symbol());
            return List.of();
        };
        Path scratch = dir.resolve("rehearsal");
        var cfg = new LiveEngine.Config(Interval.H1, 50, false, RiskLimits.defaults(), dir.resolve("status.json"));
        Rehearsal.Result r = Rehearsal.run(f -> {
            folders.add(f);
            return recording;
        }, Map.of(BTC, history(30, 40_000), ETH, history(20, 2_000)), Map.of(BTC, LiveEngineTest.IN, ETH, eth()), cfg, 301, scratch);
        assertEquals(301, r.bars());
        assertEquals(0, r.errors());
        assertEquals(List.of(scratch), folders, "the strategy was made once, for the scratch folder");
        assertEquals(151, seen.get(BTC).size(), "round robin, the first symbol first");
        assertEquals(150, seen.get(ETH).size());
        for (List<Long> times : seen.values())
            for (int i = 1; i < times.size(); i++) assertEquals(H, times.get(i) - times.get(i - 1), "gap-free and in order across the laps, at bar " + i);
        // per symbol and 6 bars: long, a stop move, short, flat: three orders where the risk check lets them through
        assertTrue(r.orders() >= 301 / 6 * 2, "orders the in-memory venue took: " + r.orders());
        assertFalse(Files.exists(scratch), "the scratch folder is gone");
        assertFalse(Files.exists(dir.resolve("status.json")), "the real status file is not written");
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "nothing left beside it");
        }
    }

    @Test
    void aFailingStrategyStillLeavesNoScratchFolder() {
        Path scratch = dir.resolve("r");
        Strategy failing = (h, i, view) -> { throw new IllegalStateException("boom"); };
        var cfg = new LiveEngine.Config(Interval.H1, 50, false, RiskLimits.defaults());
        // the engine logs a strategy's failure and trips its own kill switch: the rehearsal goes on and ends
        Rehearsal.Result r = Rehearsal.run(f -> failing, Map.of(BTC, history(10, 40_000)), Map.of(BTC, LiveEngineTest.IN), cfg, 20, scratch);
        assertEquals(0, r.orders());
        assertEquals(20, r.errors(), "every bar failed, and says so");
        assertTrue(r.firstError().contains("boom"), r.firstError());
        assertFalse(Files.exists(scratch));
    }

    @Test
    void refusesAFolderThatExistsAndDoesNothingForNoBars() throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("taken"));
        var cfg = new LiveEngine.Config(Interval.H1, 50, false, RiskLimits.defaults());
        assertThrows(IllegalArgumentException.class, () -> Rehearsal.run(f -> (h, i, v) -> List.of(), Map.of(BTC, history(5, 40_000)), Map.of(BTC, LiveEngineTest.IN), cfg, 10, scratch));
        assertTrue(Files.exists(scratch), "an existing folder is left alone");
        assertEquals(0, Rehearsal.run(f -> (h, i, v) -> List.of(), Map.of(BTC, history(5, 40_000)), Map.of(BTC, LiveEngineTest.IN), cfg, 0, dir.resolve("x")).bars());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
