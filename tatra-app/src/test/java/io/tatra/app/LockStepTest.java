package io.tatra.app;

import io.tatra.backtest.CostConfig;
import io.tatra.decision.FusionConfig;
import io.tatra.features.Feature;
import io.tatra.live.KillSwitch;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.model.nn.Torch;
import io.tatra.risk.RiskLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lock-step on a slow engine: every REST answer of the paper exchange comes 300 ms late, so a bar with an order takes
 * longer to handle than the driver's first wait. Its bars all came over the stream: the driver waits for them instead
 * of fetching them over REST (which takes the venue's open-interest history instead of the ticker's value and made a
 * 20-symbol soak differ from run to run).
 */
class LockStepTest {
    @TempDir
    Path dir;

    @Test
    void aSlowBarIsWaitedForNotFetchedOverRest() throws Exception {
        Torch.configure(1, 9);
        Path home = dir.resolve("home"), model = dir.resolve("model");
        TinyModel.Market market = TinyModel.homeAndModel(home, model, 2, 1_200, 23, 1_150, 1, 5);
        List<Symbol> symbols = market.symbols();
        BarSeries bars = market.first();
        Path faults = dir.resolve("slow.json");
        Files.writeString(faults, "{\"latencyMillis\": 300, \"seed\": 3}");
        int need = Feature.maxWarmup() + DataRequest.WINDOW;
        Instant from = bars.openTime(1_160 - need + 1), to = bars.openTime(1_176);
        FusionConfig fusion = new FusionConfig(0.01, 1, 1.5, 2.5, 0.3, 0.01); // permissive: it trades
        var run = PaperService.run(new PaperService.Request(home, dir.resolve("paper"), model, symbols, from, to, 0, 10_000, CostConfig.bybitLinear(), faults,
                RiskLimits.defaults(), PolicySpec.rule(fusion), KillSwitch.Policy.STOP_OPENING, false, 1, null), line -> {});
        System.out.println("lock-step, slow answers: " + run.bars() + " bars, " + run.ordersSent() + " orders, " + run.barsBackfilled() + " bars over REST");
        assertTrue(run.ordersSent() >= 2, "bars with an order, each at least one slow answer: " + run.ordersSent());
        assertTrue(run.bars() >= 2 * 10, "bars: " + run.bars());
        assertEquals(0, run.barsBackfilled(), "every bar came over the stream; none was fetched over REST");
        assertEquals(0, run.openInterestRead(), "open interest from the ticker on every bar");
        assertTrue(run.clean(), run.orderAudit() + " " + run.differences());
    }
}
