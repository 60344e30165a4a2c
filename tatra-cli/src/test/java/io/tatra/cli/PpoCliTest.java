package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** tatra ppo: each task trains on the stretch after the model's training data, runs its baselines beside PPO, and saves the policy with its provenance. */
class PpoCliTest extends CliHarness {
    static List<String> rules(JsonNode r) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : r.get("rows")) out.add(row.get("rule").asText());
        return out;
    }

    static JsonNode row(JsonNode r, String rule) {
        for (JsonNode row : r.get("rows")) if (row.get("rule").asText().equals(rule)) return row;
        throw new AssertionError("no row " + rule + " in " + r);
    }

    @Test
    void everyTaskRunsBesideItsBaselinesAndSavesItsPolicy() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "2", "--bars", "8000", "--data-only"), err());
        String[] data = {"--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--threads", "1"};
        Path gbm = home.resolve("gbm");
        assertEquals(0, run(concat(new String[]{"train"}, data, "--interval", "1h", "--kind", "lightgbm", "--to", "2022-03-15", "--out", gbm.toString())), err());
        String[] ppo = concat(data, new String[]{"--model", gbm.toString(), "--from", "2022-09-01", "--iterations", "2", "--json"});

        Path sizingPolicy = home.resolve("ppo-sizing");
        assertEquals(0, run(concat(new String[]{"ppo"}, ppo, "--task", "sizing", "--episode-bars", "4", "--save", sizingPolicy.toString())), err());
        JsonNode sizing = new ObjectMapper().readTree(out());
        assertEquals(List.of("flat", "long", "cost-aware side, full size", "PPO"), rules(sizing));
        assertTrue(sizing.get("trainEpisodes").asInt() >= 1_000, sizing.get("trainEpisodes").toString());
        assertEquals(0, row(sizing, "flat").get("logReturn").asDouble());
        assertEquals(0, row(sizing, "flat").get("trades").asInt());

        assertEquals(0, run(concat(new String[]{"ppo"}, ppo, "--task", "risk", "--episode-bars", "4")), err());
        JsonNode risk = new ObjectMapper().readTree(out());
        assertEquals(List.of("base (cost-aware side) at full size", "base at half size", "flat", "halve after a 5 % drawdown", "PPO"), rules(risk));
        // the risk task's base at full size is the sizing task's cost-aware side at full size: the same orders in the same episodes
        // (the demo model has no validated edge, so both hold nothing here; on the 8 real symbols both read +1.2688)
        assertEquals(row(sizing, "cost-aware side, full size").get("logReturn").asDouble(), row(risk, "base (cost-aware side) at full size").get("logReturn").asDouble(), 1e-9);
        assertEquals(row(sizing, "cost-aware side, full size").get("fees").asDouble(), row(risk, "base (cost-aware side) at full size").get("fees").asDouble(), 1e-9);

        Path saved = home.resolve("ppo-risk");
        assertEquals(0, run(concat(new String[]{"ppo"}, ppo, "--task", "risk", "--side", "direction", "--episode-bars", "4", "--save", saved.toString())), err());
        risk = new ObjectMapper().readTree(out());
        assertEquals("base (direction side) at full size", rules(risk).get(0));
        assertTrue(risk.get("rows").get(0).get("trades").asInt() > 100, "the direction side holds a position at every bar");
        assertEquals(0, row(risk, "flat").get("trades").asInt());
        JsonNode card = new ObjectMapper().readTree(saved.resolve("ppo.json").toFile());
        assertEquals("RISK", card.get("task").asText());
        assertEquals(10, card.get("observation").size(), "4 signals and 6 risk-state values");
        assertEquals(gbm.toAbsolutePath().toString(), card.get("signalModel").asText());
        assertEquals(64, card.get("signalModelCardSha256").asText().length());
        assertEquals(64, card.get("weightsSha256").asText().length());
        assertEquals(risk.get("train").asText().split(" \\.\\. ")[0], card.get("episodesFrom").asText());
        assertEquals(2, run(concat(new String[]{"ppo"}, ppo, "--task", "risk", "--episode-bars", "4", "--save", saved.toString())));
        assertTrue(err().contains("--replace"), "an existing policy is kept unless told: " + err());

        assertEquals(0, run(concat(new String[]{"ppo"}, ppo, "--task", "portfolio", "--episode-bars", "3")), err());
        JsonNode pf = new ObjectMapper().readTree(out());
        assertEquals(List.of("flat", "equal-weight long", "cost-aware side per symbol, equal weights", "PPO"), rules(pf));
        assertTrue(row(pf, "equal-weight long").get("trades").asInt() > 0);

        // the demo model has no validated edge, so the cost-aware side enters nothing: exits says so and how to go on
        assertEquals(2, run(concat(new String[]{"ppo"}, ppo, "--task", "exits", "--episode-bars", "4")));
        assertTrue(err().contains("enters no trade") && err().contains("--side direction"), err());
        Path exitsPolicy = home.resolve("ppo-exits");
        assertEquals(0, run(concat(new String[]{"ppo"}, ppo, "--task", "exits", "--side", "direction", "--episode-bars", "4", "--save", exitsPolicy.toString())), err());
        JsonNode ex = new ObjectMapper().readTree(out());
        assertEquals(List.of("hold to the end (4 bars)", "exit after the horizon (4 bars)", "exit when the direction side stops agreeing", "trailing stop at 2 volatilities", "PPO"),
                rules(ex));
        // every rule manages the same trades
        for (JsonNode row : ex.get("rows")) assertEquals(ex.get("rows").get(0).get("episodes").asInt(), row.get("episodes").asInt(), row.toString());
        assertTrue(ex.get("rows").get(0).get("episodes").asInt() > 100);
        assertEquals(2, run(concat(new String[]{"ppo"}, ppo, "--task", "exits", "--side", "sideways")));
        assertTrue(err().contains("unknown side rule 'sideways'"), err());

        // the saved sizing policy manages a backtest's positions; a policy of another task or of another model's forecasts is refused
        String[] bt = concat(data, new String[]{"--interval", "1h", "--model", gbm.toString(), "--from", "2022-09-01"});
        assertEquals(0, run(concat(new String[]{"backtest"}, bt, "--ppo-policy", sizingPolicy.toString(), "--out", home.resolve("bt-ppo").toString(), "--json")), err());
        JsonNode btp = new ObjectMapper().readTree(out());
        assertTrue(err().contains("manages the positions"), err());
        assertTrue(btp.get("trades").asInt() >= 0 && Files.isRegularFile(home.resolve("bt-ppo").resolve("trades.csv")), out());
        // with --win-model it is the ensemble's sizer member instead: its target from a flat book gives the side and size
        Path ens = home.resolve("ensemble.json");
        Files.writeString(ens, "{\"fitQuantiles\": {\"entryConfidence\": 0.5, \"winProbability\": 0.3, \"fullConfidence\": 0.7, \"halfConfidence\": 0.3, \"strongTiming\": 0.5}}");
        // and the risk policy (trained on the direction side) votes the sizer's risk: "PPO: size and risk"
        assertEquals(0, run(concat(new String[]{"backtest"}, bt, "--win-model", gbm.toString(), "--ensemble", ens.toString(), "--ppo-policy", sizingPolicy.toString(),
                "--ppo-risk", saved.toString(), "--out", home.resolve("bt-ens-ppo").toString(), "--json")), err());
        assertTrue(err().contains("is the ensemble's sizer") && err().contains("votes the ensemble's risk"), err());
        JsonNode firstDecision = new ObjectMapper().readTree(Files.readAllLines(home.resolve("bt-ens-ppo").resolve("decisions.jsonl")).get(0));
        assertTrue(firstDecision.get("features").has("ppo_sizer.side") && firstDecision.get("features").has("ppo_sizer.size"), firstDecision.toString());
        long withRisk = Files.readAllLines(home.resolve("bt-ens-ppo").resolve("decisions.jsonl")).stream().filter(l -> l.contains("\"ppo_sizer.risk\"")).count();
        assertTrue(withRisk > 0, "decisions carry PPO's risk vote");
        assertEquals(2, run(concat(new String[]{"backtest"}, bt, "--win-model", gbm.toString(), "--ppo-risk", sizingPolicy.toString())));
        assertTrue(err().contains("needs a risk policy"), err());
        assertEquals(2, run(concat(new String[]{"backtest"}, bt, "--ppo-risk", saved.toString())));
        assertTrue(err().contains("give --win-model"), err());

        // and a paper session's, on the exchange over loopback
        assertEquals(0, run("paper", "--home", h, "--model", gbm.toString(), "--symbols", "SYN01USDT", "--from", "2022-09-01", "--to", "2022-09-20",
                "--ppo-policy", sizingPolicy.toString(), "--out", home.resolve("paper-ppo").toString()), out() + err());
        assertTrue(err().contains("manages the positions") && out().contains("positions reconcile with the exchange"), out() + err());
        assertEquals(2, run("decide", "--home", h, "--model", gbm.toString(), "--symbol", "SYN01USDT", "--ppo-policy", sizingPolicy.toString()));
        assertTrue(err().contains("--ppo-policy manages positions over a session"), err());
        assertEquals(2, run(concat(new String[]{"backtest"}, bt, "--ppo-policy", sizingPolicy.toString(), "--policy", "rule")));
        assertTrue(err().contains("use --policy cost-aware"), err());
        // a risk policy manages positions too (its multiplier on the side rule's side)
        assertEquals(0, run(concat(new String[]{"backtest"}, bt, "--ppo-policy", saved.toString(), "--out", home.resolve("bt-ppo-risk").toString(), "--json")), err());
        assertTrue(err().contains("PPO risk policy") && err().contains("manages the positions"), err());
        // and an exits policy manages a backtest's trades (entries on its side rule, exits and trailing stops its own), and a paper session's
        assertEquals(0, run(concat(new String[]{"backtest"}, bt, "--ppo-policy", exitsPolicy.toString(), "--out", home.resolve("bt-ppo-exits").toString(), "--json")), err());
        assertTrue(err().contains("PPO exits policy") && err().contains("manages the positions"), err());
        assertTrue(new ObjectMapper().readTree(out()).get("trades").asInt() > 0, out());
        assertEquals(0, run("paper", "--home", h, "--model", gbm.toString(), "--symbols", "SYN01USDT", "--from", "2022-09-01", "--to", "2022-09-20",
                "--ppo-policy", exitsPolicy.toString(), "--out", home.resolve("paper-exits").toString()), out() + err());
        assertTrue(out().contains("positions reconcile with the exchange"), out());
        String events = Files.readString(home.resolve("paper-exits/events.jsonl"));
        assertTrue(events.contains("\"stop-moved\""), "its trailing stops reached the exchange as trading-stop moves");
        assertFalse(events.contains("\"error\""), events);
        // the paper session made the backtest's trades: each entry at the same bar on the same side, as many stop exits
        assertEquals(0, run("backtest", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--model", gbm.toString(), "--from", "2022-09-01", "--to", "2022-09-20",
                "--ppo-policy", exitsPolicy.toString(), "--out", home.resolve("bt-exits-1").toString(), "--json"), err());
        List<String> btEntries = new ArrayList<>();
        int btStops = 0;
        for (String line : Files.readAllLines(home.resolve("bt-exits-1/trades.csv")).subList(1, Files.readAllLines(home.resolve("bt-exits-1/trades.csv")).size())) {
            String[] f = line.split(",");
            btEntries.add(java.time.Instant.parse(f[3]).toEpochMilli() + " " + f[1]);
            // a stop inside the period's last bar: the paper replay ends at that bar's close, before its exchange runs it
            if (f[10].equals("STOP_LOSS") && java.time.Instant.parse(f[5]).isBefore(java.time.Instant.parse("2022-09-20T00:00:00Z"))) btStops++;
        }
        List<String> paperEntries = new ArrayList<>();
        int paperStops = 0;
        double pos = 0;
        for (String line : Files.readAllLines(home.resolve("paper-exits/executions.jsonl"))) {
            JsonNode e = new ObjectMapper().readTree(line);
            if (e.get("execType").asText().equals("Funding")) continue;
            if (e.get("execType").asText().equals("StopLoss")) paperStops++;
            double before = pos;
            pos = Math.round((pos + (e.get("side").asText().equals("Buy") ? 1 : -1) * e.get("qty").asDouble()) * 1e8) / 1e8;
            if (before == 0 && pos != 0) paperEntries.add((e.get("time").asLong() - 1_000) + " " + (pos > 0 ? "long" : "short")); // lock-step: filled 1 s after the close
        }
        assertTrue(btEntries.size() >= 5 && btStops > 0, "the backtest traded and its trailing stops fired: " + btEntries.size() + " trades, " + btStops + " stops");
        assertEquals(btEntries, paperEntries, "the same entries");
        assertEquals(btStops, paperStops, "as many stop exits");
        Path other = home.resolve("gbm-other");
        Files.createDirectories(other);
        try (var files = Files.list(gbm)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, other.resolve(f.getFileName()));
        }
        Files.writeString(other.resolve("model.json"), Files.readString(other.resolve("model.json")) + "\n");
        assertEquals(2, run(concat(new String[]{"backtest"}, concat(data, new String[]{"--interval", "1h", "--model", other.toString(), "--from", "2022-09-01"}),
                "--ppo-policy", sizingPolicy.toString())));
        assertTrue(err().contains("was trained on the forecasts of"), err());

        assertEquals(2, run(concat(new String[]{"ppo"}, ppo, "--task", "hedging")));
        assertTrue(err().contains("unknown PPO task 'hedging'"), err());
        assertEquals(2, run(concat(new String[]{"ppo"}, ppo, "--task", "risk", "--train-from", "2022-01-10")));
        assertTrue(err().contains("in-sample"), "PPO never trains where the model learned: " + err());
        assertEquals(2, run("ppo", "--home", h, "--symbols", "SYN01USDT", "--model", gbm.toString(), "--from", "2022-09-01", "--task", "portfolio"));
        assertTrue(err().contains("at least two --symbols"), err());
        assertTrue(Files.isRegularFile(saved.resolve("weights.bin")));
    }
}
