package io.tatra.app;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every fault of the paper exchange at once (lost order answers, rate limits, server errors, latency, a skewed clock,
 * dropped, duplicated and reordered stream frames, connections cut every two seconds) changes nothing the account
 * sees but a few quantity steps: the fills of a faulty run are the fills of a clean one, no order is lost or sent
 * twice, positions reconcile, and every cut connection came back.
 */
class LiveFaultsTest {
    @TempDir
    Path dir;

    @Test
    void allFaultsAtOnceLeaveTheFillsOfACleanRun() throws Exception {
        Torch.configure(1, 9);
        Path home = dir.resolve("home"), model = dir.resolve("model");
        TinyModel.Market market = TinyModel.homeAndModel(home, model, 2, 1_300, 17, 1_150, 1, 5);
        List<Symbol> symbols = market.symbols();
        BarSeries bars = market.first();
        Path faults = dir.resolve("faults.json");
        Files.writeString(faults, """
                {"rateLimitShare": 0.05, "serverErrorShare": 0.05, "latencyMillis": 5, "loseOrderResponses": 3, "clockOffsetMillis": 2000,
                 "dropSocketSeconds": 2, "duplicateShare": 0.1, "reorderShare": 0.1, "dropShare": 0.05, "seed": 11}""");
        int need = Feature.maxWarmup() + DataRequest.WINDOW;
        Instant from = bars.openTime(1_150 - need + 1), to = bars.openTime(1_270);
        FusionConfig fusion = new FusionConfig(0.01, 1, 1.5, 2.5, 0.3, 0.01);
        var clean = PaperService.run(new PaperService.Request(home, dir.resolve("clean"), model, symbols, from, to, 0, 10_000, CostConfig.bybitLinear(), null,
                RiskLimits.defaults(), PolicySpec.rule(fusion), KillSwitch.Policy.STOP_OPENING, false, 1, null), line -> {});
        var faulty = PaperService.run(new PaperService.Request(home, dir.resolve("faulty"), model, symbols, from, to, 0, 10_000, CostConfig.bybitLinear(), faults,
                RiskLimits.defaults(), PolicySpec.rule(fusion), KillSwitch.Policy.STOP_OPENING, false, 1, null), line -> {});
        System.out.println("faults: " + faulty.bars() + " bars, " + faulty.ordersSent() + " orders, " + faulty.reconnections() + " reconnections, "
                + faulty.barsBackfilled() + " bars over REST; open interest pushed on " + faulty.openInterestPushed() + " bars, read over REST on "
                + faulty.openInterestRead() + "; equity " + faulty.endEquity() + " vs clean " + clean.endEquity());
        // lost, late and cut ticker frames fall back to the REST history; the fills below show they changed no feature
        assertTrue(faulty.openInterestRead() > 0 && faulty.openInterestPushed() > 0, faulty.openInterestPushed() + " pushed, " + faulty.openInterestRead() + " read");
        assertTrue(clean.ordersSent() >= 5, "the clean run traded: " + clean.ordersSent());
        assertTrue(faulty.clean(), "no lost, duplicated, unknown or unsettled order and no position difference: " + faulty.orderAudit() + " " + faulty.differences());
        assertEquals(0, faulty.errors(), () -> { // the engine's own words for each error
            try (var lines = Files.lines(dir.resolve("faulty").resolve("events.jsonl"))) {
                return lines.filter(l -> l.contains("\"error\"") || l.contains("\"halted\"")).toList().toString();
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        assertTrue(faulty.reconnections() >= 1, "connections were cut and came back: " + faulty.reconnections());
        // the same fills: every order, stop, take profit and funding payment at the same time, side and price. Quantities
        // agree: the engine's account view counts from the venue's wallet balance and each position's entry, marked to
        // the engine's own closes before the bar's close, takes funding from the private stream, and marks the other
        // symbols' notional before the close too — so a bar that read the account because of a fault sizes as one
        // that did not, whatever order a close's bars arrive in. Still timing-dependent (in either run): whether
        // another symbol's stop that filled during the same bar is known yet when a symbol sizes; one such bar shifts
        // the later quantities by a step (seen in 2 of 7 local runs: 48 and 44 of 56 equal, at most 0.34 % apart; the
        // other five all 56 equal, the final equity the same to the cent).
        Map<String, Double> cleanFills = fills(dir.resolve("clean")), faultyFills = fills(dir.resolve("faulty"));
        assertEquals(cleanFills.keySet(), faultyFills.keySet(), "the faulty run's fills are the clean run's");
        for (var e : cleanFills.entrySet())
            assertEquals(e.getValue(), faultyFills.get(e.getKey()), 0.01 * e.getValue(), e.getKey() + ": the quantity within 1 %");
        long same = cleanFills.keySet().stream().filter(k -> cleanFills.get(k).equals(faultyFills.get(k))).count();
        double worst = cleanFills.keySet().stream().mapToDouble(k -> Math.abs(cleanFills.get(k) - faultyFills.get(k)) / cleanFills.get(k)).max().orElse(0);
        System.out.printf("faults: %d of %d quantities equal, the largest difference %.4f %%%n", same, cleanFills.size(), 100 * worst);
        assertTrue(same >= 0.67 * cleanFills.size(), same + " of " + cleanFills.size() + " quantities equal");
        assertEquals(clean.endEquity(), faulty.endEquity(), 0.001 * clean.endEquity());
    }

    /** Each execution as symbol, orderLinkId, side, price (to 1e-6 relative), kind and time, with its quantity. */
    private static Map<String, Double> fills(Path run) throws Exception {
        Map<String, Double> out = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(run.resolve("executions.jsonl"))) {
            JsonNode e = io.tatra.Json.MAPPER.readTree(line);
            String price = new java.math.BigDecimal(e.path("price").asText()).round(new java.math.MathContext(7)).toPlainString();
            String key = String.join(" ", e.path("symbol").asText(), e.path("orderLinkId").asText(), e.path("side").asText(), price, e.path("execType").asText(),
                    e.path("time").asText());
            out.merge(key, e.path("qty").asDouble(), Double::sum);
        }
        return out;
    }
}
