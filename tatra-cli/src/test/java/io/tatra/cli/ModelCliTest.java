package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ModelCliTest extends CliHarness {
    @Test
    void pretrainTrainAddHeadPredict() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "2", "--bars", "2500", "--data-only"));
        String[] data = {"--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--size", "tiny", "--threads", "1"};
        Path enc = home.resolve("enc"), model = home.resolve("model");
        assertEquals(0, run(concat(new String[]{"pretrain"}, data, "--epochs", "1", "--batches", "4", "--out", enc.toString())), err());
        assertTrue(Files.isRegularFile(enc.resolve("encoder.params")));
        assertEquals(0, run(concat(new String[]{"train"}, data, "--epochs", "2", "--batches", "5", "--balance", "pcgrad",
                "--from-encoder", enc.toString(), "--out", model.toString(), "--json")), err());
        JsonNode summary = new ObjectMapper().readTree(out());
        assertTrue(summary.get("best_epoch").asInt() >= 1);
        assertTrue(err().contains("conflicts"), "PCGrad should log its conflict rate: " + err());
        JsonNode card = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals("unified", card.get("kind").asText());
        assertEquals(4, card.get("tasks").size());
        assertEquals(enc.toString(), card.get("pretrainedFrom").asText());
        // the default split is the one a user deploys: everything but a purged validation tail that reaches the data's end
        assertEquals("final", card.get("split").asText());
        java.time.Instant trainTo = java.time.Instant.parse(card.get("trainTo").asText()), valFrom = java.time.Instant.parse(card.get("validationFrom").asText());
        java.time.Instant valTo = java.time.Instant.parse(card.get("validationTo").asText()), dataTo = java.time.Instant.parse(card.get("dataTo").asText());
        long gapHours = java.time.Duration.between(trainTo, valFrom).toHours();
        assertTrue(gapHours > 96, "purge + embargo between training and validation: " + gapHours + " h");
        int lookahead = Math.max(card.get("labels").get("horizon").asInt(), card.get("labels").get("trendMaxSpan").asInt());
        assertEquals(lookahead, java.time.Duration.between(valTo, dataTo).toHours(), "validation reaches the last labelled bar: " + valTo + " vs data " + dataTo);
        assertTrue(summary.get("split").asText().equals("final") && summary.has("validation"), out());
        // --out is checked before any work: an existing model is not overwritten without --force, a file is never a model
        long before = Files.getLastModifiedTime(model.resolve("model.json")).toMillis();
        assertEquals(2, run(concat(new String[]{"train"}, data, "--epochs", "1", "--batches", "2", "--out", model.toString())));
        assertTrue(err().contains("already exists") && err().contains("--force") && !err().contains("epoch"), "refused before training: " + err());
        assertEquals(before, Files.getLastModifiedTime(model.resolve("model.json")).toMillis());
        Path aFile = home.resolve("not-a-dir.txt");
        Files.writeString(aFile, "x");
        assertEquals(2, run(concat(new String[]{"train"}, data, "--epochs", "1", "--batches", "2", "--out", aFile.toString(), "--force")));
        assertTrue(err().contains("is a file"), err());
        assertEquals(2, run(concat(new String[]{"train"}, data, "--fold", "9", "--out", home.resolve("h").toString())));
        assertTrue(err().contains("--fold must be 1..4, got 9") && !err().contains("samples"), "refused before the dataset is built: " + err());
        Path foldModel = home.resolve("model-fold1");
        assertEquals(0, run(concat(new String[]{"train"}, data, "--epochs", "1", "--batches", "2", "--fold", "1", "--out", foldModel.toString())), err());
        JsonNode foldCard = new ObjectMapper().readTree(foldModel.resolve("model.json").toFile());
        assertTrue(foldCard.get("split").asText().startsWith("walk-forward-1"), foldCard.toString());
        assertTrue(java.time.Instant.parse(foldCard.get("trainTo").asText()).isBefore(trainTo), "fold 1 stops learning earlier than the final split");
        assertEquals(0, run(concat(new String[]{"add-head", "win"}, data, "--model", model.toString(), "--epochs", "2")), err());
        assertTrue(out().contains("frozen encoder"), out());
        assertEquals(0, run("predict", "--home", h, "--model", model.toString(), "--symbol", "SYN01USDT"), err());
        assertTrue(out().contains("Direction: Up ") && out().contains("Regime: Bull ") && out().contains("Volatility: ")
                && out().contains("Return: ") && out().contains("Win "), out());
        assertEquals(2, run("predict", "--home", h, "--model", enc.toString(), "--symbol", "SYN01USDT"));
        assertTrue(err().contains("encoder-only") && err().contains("--from-encoder"), "an encoder forecasts nothing: " + err());
        assertEquals(0, run("decide", "--home", h, "--model", model.toString(), "--symbol", "SYN01USDT"), err());
        assertTrue(out().contains("ACTION: ") && out().contains("SIZE: ") && out().contains("STOP LOSS: ") && out().contains("REASONING: "), out());
        assertEquals(0, run("decide", "--home", h, "--model", model.toString(), "--symbol", "SYN01USDT", "--json"), err());
        JsonNode decision = new ObjectMapper().readTree(out()).get("decision");
        assertTrue(List.of("LONG", "SHORT", "FLAT").contains(decision.get("action").asText()), out());
        assertTrue(decision.get("trace").has("edge") && decision.get("trace").has("cost_round_trip"), "the default policy prices the signal: " + out());
        assertTrue(err().contains("cost-aware policy fitted on"), err());
        assertEquals(0, run("decide", "--home", h, "--model", model.toString(), "--symbol", "SYN01USDT", "--json", "--policy", "rule"), err());
        assertTrue(new ObjectMapper().readTree(out()).get("decision").get("trace").has("consistency"), out());
        // a backtest of the model's decisions, net of costs, against buy-and-hold; each run is one more trial.
        // A torn line left in the trial log by an earlier crash is reported and skipped, never fatal
        Files.createDirectories(home.resolve("backtests"));
        Files.writeString(home.resolve("backtests").resolve("trials.jsonl"), "{\"torn\": tru");
        Path run = home.resolve("bt");
        assertEquals(0, run("backtest", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--threads", "1", "--policy", "rule",
                "--model", model.toString(), "--out", run.toString(), "--json"), err());
        JsonNode bt = new ObjectMapper().readTree(out());
        for (String k : List.of("sharpe", "deflated_sharpe", "max_drawdown", "trades", "fees_paid", "buy_and_hold_sharpe")) assertTrue(bt.has(k), k + ": " + out());
        assertEquals(1, bt.get("trials").asInt());
        assertTrue(err().contains("trials.jsonl line 1: TORN_TAIL"), err());
        List<String> trialLines = Files.readAllLines(home.resolve("backtests").resolve("trials.jsonl"));
        assertEquals(2, trialLines.size(), "the torn line closed, the new trial on a line of its own: " + trialLines);
        assertTrue(trialLines.get(1).startsWith("{\"time\""), trialLines.get(1));
        // an existing run directory is refused before any work, and a failed run logs no trial
        assertEquals(2, run("backtest", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--threads", "1",
                "--model", model.toString(), "--out", run.toString()));
        assertTrue(err().contains("already exists") && err().contains("--force"), err());
        assertEquals(2, Files.readAllLines(home.resolve("backtests").resolve("trials.jsonl")).size());
        for (String f : List.of("result.json", "equity.csv", "trades.csv", "decisions.jsonl", "outcomes.jsonl")) assertTrue(Files.isRegularFile(run.resolve(f)), f);
        // the report: one self-contained HTML file that renders in a real browser without script errors
        assertEquals(0, run("report", run.toString()), err());
        Path html = run.resolve("report.html");
        String page = Files.readString(html);
        assertTrue(page.contains("echarts") && !page.contains("src=\"http") && !page.contains("href=\"http"), "no network needed");
        Path chromium = Browser.find();
        if (chromium != null) {
            String dom = Browser.dumpDom(chromium, html, home.resolve("chromium-profile"));
            assertTrue(dom.contains("data-status=\"rendered\""), "the page reported an error: " + dom.substring(0, Math.min(2000, dom.length())));
            Path png = home.resolve("report.png");
            Browser.screenshot(chromium, html, png, home.resolve("chromium-profile"));
            assertTrue(Files.size(png) > 20_000, "screenshot " + Files.size(png) + " bytes");
            if (System.getProperty("tatra.report.copy") != null) Files.copy(png, Path.of(System.getProperty("tatra.report.copy")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else System.err.println("chromium not installed: the report's browser check is skipped (apt install chromium)");
        assertEquals(2, run("report", home.toString()));
        assertTrue(err().contains("no result.json"), err());
        assertEquals(0, run("backtest", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--threads", "1", "--fee", "0.001", "--policy", "rule",
                "--funding", home.resolve("demo").resolve("market-seed-42").toString(),
                "--model", model.toString(), "--out", home.resolve("bt2").toString(), "--json"), err());
        JsonNode bt2 = new ObjectMapper().readTree(out());
        assertEquals(2, bt2.get("trials").asInt());
        assertNotEquals(0.0, bt2.get("funding_paid").asDouble(), "funding settled on the synthetic perpetual's positions");
        assertNotEquals(0.0, bt.get("funding_paid").asDouble(), "without --funding the stored rates (the demo imported them) are paid");
        assertTrue(err().contains("in-sample"), "the model's training period is flagged: " + err());
        // the default policy prices every decision: fitted on the model's validation part, it says why each flat decision is flat
        assertEquals(0, run("backtest", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--threads", "1",
                "--model", model.toString(), "--out", home.resolve("bt3").toString(), "--json"), err());
        JsonNode bt3 = new ObjectMapper().readTree(out());
        assertEquals("cost-aware", bt3.get("policy").asText(), out());
        assertTrue(err().contains("cost-aware policy fitted on"), err());
        assertTrue(bt3.get("edge").get("samples").asInt() > 100, "fitted on the validation windows: " + bt3.get("edge"));
        JsonNode ds = bt3.get("decisions");
        long n = ds.get("decisions").asLong(), skipped = 0;
        for (JsonNode c : ds.get("skipped")) skipped += c.asLong();
        assertTrue(n > 0 && n == ds.get("longs").asLong() + ds.get("shorts").asLong() + ds.get("flats").asLong(), ds.toString());
        assertEquals(ds.get("flats").asLong(), skipped, "every flat decision has a reason: " + ds);
        assertTrue(ds.get("edge").get("p50").asDouble() > 0 && ds.get("cost").get("p50").asDouble() > 0.001, ds.toString());
        assertEquals(bt3.get("fees_paid").asDouble(), bt3.get("costs").get("fees").asDouble(), 1e-9);
        // the ensemble: the model times, the same model (any saved model serves) gives the win probability, the policy sizes
        Path ens = home.resolve("ensemble.json");
        Files.writeString(ens, "{\"entryConfidence\": 0.5, \"winProbability\": 0.5, \"minConfidence\": 0.3}");
        assertEquals(0, run("backtest", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--threads", "1", "--policy", "rule",
                "--model", model.toString(), "--win-model", model.toString(), "--ensemble", ens.toString(), "--out", home.resolve("bt-ens").toString(), "--json"), err());
        JsonNode be = new ObjectMapper().readTree(out());
        JsonNode first = new ObjectMapper().readTree(Files.readAllLines(home.resolve("bt-ens").resolve("decisions.jsonl")).get(0));
        assertTrue(first.get("features").has("timing.side") && first.get("features").has("win.confidence") && first.get("features").has("ensemble_confidence"), first.toString());
        JsonNode later = new ObjectMapper().readTree(Files.readAllLines(home.resolve("bt-ens").resolve("decisions.jsonl")).get(50));
        double risk = later.get("features").get("timing.risk").asDouble(-1);
        assertTrue(risk >= 0 && risk <= 1, "the timing member's risk score (its volatility forecast's rank among its earlier ones) is a vote: " + later);
        for (var it = be.get("decisions").get("skipped").fieldNames(); it.hasNext(); ) {
            String reason = it.next();
            assertTrue(List.of("NO_ENTRY_SIGNAL", "WIN_PROBABILITY_TOO_LOW", "LOW_ENSEMBLE_CONFIDENCE", "HIGH_RISK", "NO_SETUP").contains(reason), "an ensemble rule says why: " + reason);
        }
        // thresholds fitted on the timing model's validation part: the quantiles give the rules something to pass whatever the model's scale
        Files.writeString(ens, "{\"fitQuantiles\": {\"entryConfidence\": 0.5, \"winProbability\": 0.3, \"fullConfidence\": 0.7, \"halfConfidence\": 0.3, \"strongTiming\": 0.5}}");
        assertEquals(0, run("backtest", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--threads", "1", "--policy", "rule",
                "--model", model.toString(), "--win-model", model.toString(), "--ensemble", ens.toString(), "--out", home.resolve("bt-ens-fit").toString(), "--json"), err());
        assertTrue(err().contains("ensemble thresholds fitted on the timing model's validation part"), err());
        JsonNode bef = new ObjectMapper().readTree(out());
        assertTrue(bef.get("trades").asInt() > 0, "fitted thresholds let trades through: " + bef.get("decisions"));
        Files.writeString(ens, "{\"entryConfidense\": 0.5}");
        assertEquals(2, run("backtest", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--model", model.toString(), "--win-model", model.toString(), "--ensemble", ens.toString()));
        assertTrue(err().contains("unknown field 'entryConfidense'"), err());
        assertEquals(2, run("backtest", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--model", model.toString(), "--also-models", model.toString()));
        assertTrue(err().contains("--win-model"), err());
        // PPO sizing is refused, with the reason, on a validation part too short for 1,000 episodes
        assertEquals(2, run("sizing", "--home", h, "--model", model.toString(), "--symbols", "SYN01USDT,SYN02USDT", "--from", "2022-03-20"));
        assertTrue(err().contains("not enough data to train ppo") && err().contains("episodes"), err());
        assertEquals(2, run("backtest", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--model", model.toString(), "--policy", "greedy"));
        assertTrue(err().contains("unknown policy 'greedy'"), err());
        assertEquals(0, run(concat(new String[]{"backtest"}, data, "--walk-forward", "1200/300/300", "--epochs", "1", "--batches", "3",
                "--out", home.resolve("wf").toString(), "--json")), err());
        JsonNode wf = new ObjectMapper().readTree(out());
        assertTrue(wf.get("walk_forward").size() >= 2, out());
        for (JsonNode fold : wf.get("walk_forward")) assertTrue(fold.get("edge").get("samples").asInt() > 0, "each fold's policy is fitted on its own validation part: " + fold);
        // a variant without trades has no Sharpe and is not a trial of the deflated Sharpe
        // the trial log counts every variant with a Sharpe: bt, bt2, wf, the fitted ensemble, and bt3 / the fixed ensemble when they traded
        assertEquals(3 + (bt3.get("trades").asInt() > 0 ? 1 : 0) + (be.get("trades").asInt() > 0 ? 1 : 0) + 1, wf.get("trials").asInt(), "the fitted ensemble traded: one more");
        // the side-by-side table in one run: buy-and-hold, then the unified model before and after the cost-aware change
        assertEquals(0, run("compare", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--threads", "1", "--unified", model.toString(),
                "--out", home.resolve("cmp").toString(), "--json"), err());
        JsonNode cmp = new ObjectMapper().readTree(out());
        assertEquals(List.of("buy-and-hold", "unified, rule-based fusion", "unified, cost-aware", "unified, cost-aware side, half-Kelly size"),
                java.util.stream.StreamSupport.stream(cmp.get("rows").spliterator(), false).map(row -> row.get("variant").asText()).toList());
        assertTrue(cmp.get("notes").get(0).asText().startsWith("unified, PPO manages positions: left out") && cmp.get("notes").get(0).asText().contains("not enough data to train ppo"),
                "the PPO row is left out with the data gate's reason: " + cmp.get("notes"));
        assertTrue(Files.isRegularFile(home.resolve("cmp").resolve("compare.json")) && Files.isRegularFile(home.resolve("cmp").resolve("run-2").resolve("result.json")));
        JsonNode ruleRow = cmp.get("rows").get(1);
        if (ruleRow.get("trades").asInt() > 0) assertTrue(ruleRow.get("deflated_sharpe") != null && !ruleRow.get("deflated_sharpe").isNull(), ruleRow.toString());
        assertTrue(cmp.get("trials").asInt() >= 2, "every variant logged so far counts: " + cmp);
        assertEquals(2, run("compare", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--unified", model.toString(), "--lightgbm", home.resolve("nomodel").toString(),
                "--out", home.resolve("cmp2").toString()));
        assertTrue(err().contains("nomodel") && !err().contains("compare 1/"), "a bad model directory is refused before any row runs: " + err());
        assertEquals(2, run(concat(new String[]{"backtest"}, data, "--walk-forward", "1200/300", "--model", model.toString())));
        assertTrue(err().contains("either --model"), err());
        assertEquals(2, run(concat(new String[]{"backtest"}, data, "--walk-forward", "12OO/300/300")));
        assertTrue(err().contains("TRAIN/TEST/STEP"), err());
        assertEquals(2, run("backtest", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--model", model.toString(), "--fill", "psychic"));
        assertTrue(err().contains("--fill must be"), err());
        assertEquals(2, run("backtest", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--model", model.toString(), "--intrabar", "15m"));
        assertTrue(err().contains("no SYN01USDT 15m bars"), "finer bars the store lacks are an error, not a silent worst case: " + err());
        // a saved model scored on a later period with its own normalization
        assertEquals(0, run("evaluate", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--from", "2022-03-01", "--threads", "1",
                "--model", model.toString(), "--out", home.resolve("ev-model").toString(), "--json"), err());
        JsonNode scored = new ObjectMapper().readTree(out());
        assertTrue(scored.get("tasks").get("direction").get("model").get("log_loss").get("mean").asDouble() > 0, out());
        assertTrue(scored.get("contradiction_rate").has("model"), out());
        // the full comparison, one seed, on a hold-out split, against the true regimes
        Path regimes = home.resolve("demo").resolve("market-seed-42").resolve("regimes.csv");
        Path ev = home.resolve("ev");
        assertEquals(0, run(concat(new String[]{"evaluate"}, data, "--seeds", "1", "--epochs", "1", "--batches", "3", "--pretrain-epochs", "1",
                "--pretrain-batches", "2", "--probe-epochs", "1", "--test-from", "2022-03-20", "--true-regimes", regimes.toString(),
                "--out", ev.toString(), "--json")), err());
        JsonNode report = new ObjectMapper().readTree(out());
        assertTrue(report.get("delta_m_pct").isNumber(), out());
        assertTrue(report.get("contradiction_rate").has("unified") && report.get("contradiction_rate").has("specialists"), out());
        assertTrue(report.get("tasks").get("regime").get("unified").has("balanced_accuracy_true_regime"), out());
        assertTrue(report.get("tasks").get("volatility").has("garch"), out());
        assertEquals("holdout", report.get("data").get("fold").asText());
        assertTrue(Files.readString(ev.resolve("evaluation.md")).contains("| volatility | QLIKE ↓"));
        assertTrue(Files.isRegularFile(ev.resolve("evaluation.json")));
        // only the contenders asked for: no training at all, the persistence baseline beside GARCH
        assertEquals(0, run(concat(new String[]{"evaluate"}, data, "--test-from", "2022-03-20", "--contenders", "garch,last_sign",
                "--out", home.resolve("ev-some").toString(), "--json")), err());
        JsonNode some = new ObjectMapper().readTree(out());
        assertEquals(java.util.List.of("garch", "last_sign"), iterable(some.get("contenders").fieldNames()));
        assertTrue(some.get("tasks").get("direction").has("last_sign") && !some.get("tasks").get("direction").has("unified"), out());
        assertFalse(some.has("delta_m_pct"), "no unified model, no delta m");
        assertEquals(2, run(concat(new String[]{"evaluate"}, data, "--contenders", "garch,oracle")));
        assertTrue(err().contains("unknown contender 'oracle'") && err().contains("last_sign"), err());
        // evaluation mistakes: a test start outside the data, a horizon the model was not trained for, a broken regimes file
        assertEquals(2, run(concat(new String[]{"evaluate"}, data, "--test-from", "2030-01-01")));
        assertTrue(err().contains("--test-from") && err().contains("inside the data"), err());
        assertEquals(2, run("evaluate", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--model", model.toString(), "--horizon", "8"));
        assertTrue(err().contains("--horizon 4"), err());
        Path bad = home.resolve("bad-regimes.csv");
        Files.writeString(bad, "timestamp,regime\n2022-01-01T00:00:00Z,bull\n2022-01-01T01:00:00Z,moon\n");
        assertEquals(2, run(concat(new String[]{"evaluate"}, data, "--true-regimes", bad.toString())));
        assertTrue(err().contains(bad + ":3:") && err().contains("moon"), err());
        // mistakes: unknown balance, unknown task, a head the model already has, not a model directory
        assertEquals(2, run(concat(new String[]{"train"}, data, "--balance", "magic", "--out", home.resolve("x").toString())));
        assertTrue(err().contains("ew, uw, dwa, gradnorm, pcgrad"), err());
        assertEquals(2, run(concat(new String[]{"add-head", "telepathy"}, data, "--model", model.toString())));
        assertTrue(err().contains("unknown task"), err());
        assertEquals(2, run(concat(new String[]{"add-head", "win"}, data, "--model", model.toString())));
        assertTrue(err().contains("already has"), err());
        assertEquals(2, run("predict", "--home", h, "--model", home.toString(), "--symbol", "SYN01USDT"));
        assertTrue(err().contains("no model.json"), err());
    }


    private static java.util.List<String> iterable(java.util.Iterator<String> it) {
        java.util.List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
