package io.tatra.app;

import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.Performance;
import io.tatra.decision.FusionConfig;
import io.tatra.risk.RiskLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RunResultTest {
    @TempDir Path dir;

    @Test
    void writtenAndReadBackTypedWithUndefinedFiguresAsNull() throws Exception {
        Performance p = new Performance(-0.1, -0.2, 0.3, -1.5, -2.0, Double.NaN, 0.25, 120, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0.4, 12.0, 5.5, -0.7, 0.01, 3, 8760);
        Performance bh = new Performance(0.05, 0.05, 0.5, 0.1, 0.15, 0.2, 0.3, 400, 1, 1, Double.NaN, 0, 0, 1, 1, 2.2, 0, Double.NaN, 1, 8760);
        BacktestConfig cfg = BacktestConfig.defaults().withRisk(RiskLimits.defaults().withMaxDrawdown(0.2));
        RunResult r = RunResult.of(p, bh, dir.toString(), "/models/m1", null, List.of("BTCUSDT", "ETHUSDT"), "2024-01-01T00:00:00Z",
                "2024-12-31T23:00:00Z", "in-sample", cfg, FusionConfig.defaults());
        String json = Json.write(r);
        Files.writeString(dir.resolve("result.json"), json);
        assertTrue(json.stripLeading().startsWith("{\n  \"sharpe\" : -1.5,\n  \"deflated_sharpe\" : 0.01"), json.substring(0, 80));
        assertTrue(json.contains("\"win_rate\" : null") && json.contains("\"buy_and_hold\" : {"), json);
        assertFalse(json.contains("walk_forward"), "no walk-forward key for a saved-model run");
        RunResult back = RunResult.read(dir);
        assertEquals(r.symbols(), back.symbols());
        assertNull(back.winRate());
        assertEquals(-1.5, back.sharpe());
        assertEquals(3, back.trials());
        assertEquals(0.2, back.config().risk().maxDrawdown());
        assertEquals(Double.POSITIVE_INFINITY, back.config().risk().maxOrderNotional(), "an unlimited notional survives the round trip");
        assertEquals(r.fusion(), back.fusion());
        assertEquals(r.buyAndHold(), back.buyAndHold());
        assertEquals(r, back);
    }

    @Test
    void aMissingOrBrokenFileIsAUserErrorNamingIt() throws Exception {
        var missing = assertThrows(TatraException.class, () -> RunResult.read(dir));
        assertTrue(missing.getMessage().contains("no result.json"), missing.getMessage());
        Files.writeString(dir.resolve("result.json"), "{\"sharpe\": 1, \"sharpe\": 2}");
        var dup = assertThrows(TatraException.class, () -> RunResult.read(dir));
        assertTrue(dup.getMessage().contains("result.json"), dup.getMessage());
    }
}
