package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** tatra paper on a fresh home (the live path on the embedded default), tatra live status / stop, and the live command's refusals. */
class LiveCliTest extends CliHarness {
    @Test
    void paperTradesAModelOverLoopbackAndSaysWhereItsJournalsAndLatencyAre() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "2", "--bars", "2200", "--data-only"));
        Path model = home.resolve("model");
        assertEquals(0, run("train", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--size", "tiny", "--threads", "1", "--to", "2022-02-20",
                "--epochs", "1", "--batches", "5", "--out", model.toString()), err());
        Path out = home.resolve("paper-run");
        int code = run("paper", "--home", h, "--model", model.toString(), "--symbols", "SYN01USDT,SYN02USDT", "--from", "2022-02-28", "--to", "2022-03-20",
                "--risk", "0.02", "--out", out.toString());
        assertEquals(0, code, out() + err());
        assertTrue(out().contains("journals: " + out.resolve("decisions.jsonl")), out());
        assertTrue(out().contains("latency report: " + out.resolve("status.json")), out());
        assertTrue(out().contains("positions reconcile with the exchange"), out());
        assertTrue(out().contains("buy-and-hold over the same bars") && (out().contains("beat it") || out().contains("lost to it")), "the baseline beside the result: " + out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("paper.json").toFile());
        assertTrue(summary.get("bars").asLong() > 400, "two symbols, three weeks of hourly bars: " + summary);
        assertEquals(0, summary.get("errors").asLong());
        for (String f : new String[] {"orders.jsonl", "decisions.jsonl", "events.jsonl", "executions.jsonl", "status.json"}) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        // the run's key is made up in memory: it is in none of the run's files
        for (Path f : Files.list(out).toList()) assertFalse(Files.readString(f).contains("\"PAPER"), f + " mentions the run's key");

        assertEquals(0, run("live", "status", "--home", h, "--dir", out.toString()), err());
        assertTrue(out().contains("received_to_order_sent") && out().contains("bars"), out());
        assertEquals(0, run("live", "status", "--home", h, "--dir", out.toString(), "--json"), err());
        assertTrue(new ObjectMapper().readTree(out()).has("latency_ms"), out());
        // the same folder is not a second run's
        assertEquals(2, run("paper", "--home", h, "--model", model.toString(), "--symbols", "SYN01USDT", "--out", out.toString()));
        assertTrue(err().contains("earlier run"), err());
    }

    @Test
    void liveTradesAgainstAPaperExchangeForItsDurationAndLeavesItsJournalsAndStatus() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "1", "--bars", "2200", "--data-only"));
        Path model = home.resolve("model");
        assertEquals(0, run("train", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--size", "tiny", "--threads", "1", "--to", "2022-02-20",
                "--epochs", "1", "--batches", "5", "--out", model.toString()), err());
        Path keyFile = home.resolve("live.key");
        Files.writeString(keyFile, "key=LIVECLIKEY00001\nsecret=LIVECLISECRET000000001\n");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        var key = new io.tatra.bybit.protocol.ApiKey("LIVECLIKEY00001", "LIVECLISECRET000000001");
        var req = new io.tatra.app.PaperExchangeService.Request(home, java.util.List.of(io.tatra.market.Symbol.of("SYN01USDT")), io.tatra.market.Interval.H1, null, null,
                java.time.Instant.parse("2022-03-01T00:00:01Z"), 3600, 0, 10_000, io.tatra.backtest.CostConfig.bybitLinear(), java.util.List.of(key), null, null, 1);
        try (var server = io.tatra.app.PaperExchangeService.start(req)) {
            int code = run("live", "--home", h, "--venue", "paper", "--port", Integer.toString(server.port()), "--model", model.toString(), "--symbols", "SYN01USDT",
                    "--key-file", keyFile.toString(), "--risk", "0.02", "--duration", "6");
            assertEquals(0, code, out() + err());
            assertTrue(out().contains("handled") && out().contains(home.resolve("live").toString()), out());
            JsonNode status = new ObjectMapper().readTree(home.resolve("live/status.json").toFile());
            assertTrue(status.get("bars").asLong() >= 3, "an hour a second for six seconds: " + status);
            assertEquals(0, status.get("errors").asLong(), status.toString());
            long decisions = Files.readAllLines(home.resolve("live/decisions.jsonl")).size();
            assertEquals(status.get("bars").asLong(), decisions, "a decision journaled per live bar");
            assertEquals(status.get("orders_sent").asLong(), server.venue().orders("SYN01USDT", null, null, false).size(), "every order sent is at the venue, once");
            for (Path f : Files.list(home.resolve("live")).toList()) assertFalse(Files.readString(f).contains("LIVECLISECRET"), f + " holds the secret");
        }
    }

    @Test
    void liveStopTripsTheKillSwitchAndAStartIsRefusedUntilTheFileIsRemoved() throws Exception {
        String h = home.toString();
        assertEquals(2, run("live", "status", "--home", h));
        assertTrue(err().contains("no live status"), err());
        assertEquals(0, run("live", "stop", "--home", h, "--flatten"), err());
        assertTrue(Files.readString(home.resolve("live/STOP")).startsWith("flatten"));
        assertEquals(2, run("live", "--home", h, "--venue", "paper", "--port", "9", "--model", home.resolve("nope").toString(), "--symbols", "BTCUSDT"), out());
        assertTrue(err().contains("STOP exists") && err().contains("remove it"), err());
    }

    @Test
    void liveRefusesWhatItCannotTradeWithAClearMessage() {
        String h = home.toString();
        assertEquals(2, run("live", "--home", h));
        assertTrue(err().contains("--model") && err().contains("--symbols"), err());
        assertEquals(2, run("live", "--home", h, "--model", "m", "--symbols", "BTCUSDT", "--port", "9", "--kill-policy", "panic"));
        assertTrue(err().contains("--kill-policy must be stop-opening or flatten"), err());
        assertEquals(2, run("live", "--home", h, "--model", "m", "--symbols", "BTCUSDT", "--venue", "paper"));
        assertTrue(err().contains("--port"), err());
        assertEquals(2, run("live", "--home", h, "--model", "m", "--symbols", "BTCUSDT", "--venue", "ftp://x"));
        assertTrue(err().contains("--venue"), err());
        assertEquals(2, run("paper", "--home", h, "--model", "m", "--symbols", "BTCUSDT", "--speed", "-1"));
        assertTrue(err().contains("--speed"), err());
    }
}
