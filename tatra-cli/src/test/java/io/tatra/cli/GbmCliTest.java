package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** LightGBM from the command line: tatra explain's files and page, tatra meta-label on a backtest's journals. */
class GbmCliTest extends CliHarness {
    @Test
    void explainWritesTablesJsonAndAPageThatRendersThenMetaLabelLearnsFromABacktest() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "2", "--bars", "2500", "--data-only"));
        String[] data = {"--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--threads", "1"};
        Path ex = home.resolve("explain");
        assertEquals(0, run(concat(new String[]{"explain"}, data, "--test-from", "2022-03-15", "--out", ex.toString())), err());
        assertTrue(out().contains("top columns by mean |SHAP|"), out());
        JsonNode j = new ObjectMapper().readTree(ex.resolve("explain.json").toFile());
        assertEquals(192, j.get("columns").size());
        assertEquals(64, j.get("features").size());
        assertEquals(64, j.get("spearman").size());
        assertEquals(1.0, j.get("pearson").get(3).get(3).asDouble(), 1e-12);
        double prev = Double.POSITIVE_INFINITY;
        for (JsonNode c : j.get("columns")) { assertTrue(c.get("meanAbsShap").asDouble() <= prev); prev = c.get("meanAbsShap").asDouble(); }
        assertTrue(Files.readString(ex.resolve("explain.md")).contains("| column | mean abs SHAP |"));
        String page = Files.readString(ex.resolve("explain.html"));
        assertTrue(page.contains("echarts") && !page.contains("src=\"http"), "self-contained");
        Path chromium = Browser.find();
        if (chromium != null) {
            String dom = Browser.dumpDom(chromium, ex.resolve("explain.html"), home.resolve("chromium-profile"));
            assertTrue(dom.contains("data-status=\"rendered\""), "the page reported an error: " + dom.substring(0, Math.min(2000, dom.length())));
        } else System.err.println("chromium not installed: the explain page's browser check is skipped (apt install chromium)");
        assertEquals(2, run(concat(new String[]{"explain"}, data, "--task", "sentiment", "--out", home.resolve("e2").toString())));
        assertTrue(err().contains("--task must be direction, volatility, regime or return"), err());

        // a LightGBM model directory: trained, backtested and deciding through the same strategy as the unified model
        Path gbm = home.resolve("gbm");
        assertEquals(0, run(concat(new String[]{"train"}, data, "--kind", "lightgbm", "--to", "2022-03-15", "--out", gbm.toString())), err());
        JsonNode card = new ObjectMapper().readTree(gbm.resolve("model.json").toFile());
        assertEquals("lightgbm", card.get("kind").asText());
        assertEquals(4, card.get("tasks").size());
        assertEquals(5, card.get("files").size(), "four boosters and the normalization, each with its SHA-256");
        assertEquals(0, run(concat(new String[]{"backtest"}, data, "--model", gbm.toString(), "--from", "2022-03-20", "--out", home.resolve("bt-gbm").toString())), err());
        // a saved LightGBM model scored on a later period, like any saved model
        assertEquals(0, run(concat(new String[]{"evaluate"}, data, "--model", gbm.toString(), "--from", "2022-03-20", "--out", home.resolve("ev-gbm").toString(), "--json")), err());
        JsonNode ev = new ObjectMapper().readTree(out());
        assertEquals("lightgbm", ev.get("data").get("model_kind").asText());
        for (String t : new String[]{"direction", "volatility", "regime", "return"}) assertTrue(ev.get("tasks").get(t).has("model"), t + ": " + ev.get("tasks"));
        assertTrue(Files.readAllLines(home.resolve("bt-gbm").resolve("decisions.jsonl")).size() > 100);
        // the compare table with a LightGBM model: its rows include the half-Kelly sizing of its cost-aware side
        assertEquals(0, run(concat(new String[]{"compare"}, data, "--unified", gbm.toString(), "--lightgbm", gbm.toString(), "--from", "2022-03-20",
                "--out", home.resolve("cmp").toString(), "--json")), err());
        JsonNode cmp = new ObjectMapper().readTree(out());
        assertEquals(8, cmp.get("rows").size(), "buy-and-hold, 3 unified, 3 LightGBM and the filtered unified: " + cmp);
        assertEquals("LightGBM, cost-aware side, half-Kelly size", cmp.get("rows").get(6).get("variant").asText());
        assertEquals(3, cmp.get("notes").size(), "three PPO rows left out: " + cmp.get("notes"));
        for (JsonNode note : cmp.get("notes"))
            assertTrue(note.asText().contains("PPO") && note.asText().contains(": left out") && note.asText().contains("not enough data to train ppo"),
                    "the PPO rows are left out with the data gate's reason, the others run: " + note);
        // walk-forward: two blocks, fresh tiny unified and LightGBM models trained before each, every variant's blocks chained into one account
        Path wf = home.resolve("cmp-wf");
        assertEquals(0, run(concat(new String[]{"compare"}, data, "--from", "2022-03-20", "--to", "2022-04-13", "--blocks", "2", "--train", "unified,lightgbm",
                "--size", "tiny", "--epochs", "1", "--batches", "3", "--out", wf.toString(), "--json")), err());
        JsonNode w = new ObjectMapper().readTree(out());
        assertEquals(8, w.get("rows").size(), "buy-and-hold, 3 unified, 3 LightGBM, the filtered unified: " + w);
        assertTrue(w.get("rows").get(1).get("run_dir").asText().contains("block-1") && w.get("rows").get(1).get("run_dir").asText().contains("block-2"), w.toString());
        assertTrue(java.time.Instant.parse(w.get("from").asText()).isBefore(java.time.Instant.parse("2022-03-20T02:00:00Z")),
                "the first block's first decision is on its first bar: " + w.get("from"));
        assertTrue(w.get("to").asText().startsWith("2022-04-12T23"), w.get("to").asText());
        for (String b : new String[]{"block-1", "block-2"}) {
            assertEquals(8, new ObjectMapper().readTree(wf.resolve(b).resolve("compare.json").toFile()).get("rows").size(), "each block's own table");
            JsonNode blockCard = new ObjectMapper().readTree(wf.resolve(b).resolve("models").resolve("lightgbm").resolve("model.json").toFile());
            assertTrue(java.time.Instant.parse(blockCard.get("dataTo").asText()).isBefore(java.time.Instant.parse(b.equals("block-1") ? "2022-03-20T00:00:00Z" : "2022-04-01T00:00:00Z")),
                    "each block's model saw only data before it: " + blockCard.get("dataTo"));
        }
        // the table does not depend on --threads: PyTorch runs single-threaded here, LightGBM is deterministic
        Path wf2 = home.resolve("cmp-wf-t2");
        String[] data2 = data.clone();
        data2[data2.length - 1] = "2";
        assertEquals(0, run(concat(new String[]{"compare"}, data2, "--from", "2022-03-20", "--to", "2022-04-13", "--blocks", "2", "--train", "unified,lightgbm",
                "--size", "tiny", "--epochs", "1", "--batches", "3", "--out", wf2.toString(), "--json")), err());
        JsonNode w2 = new ObjectMapper().readTree(out());
        for (int i = 0; i < w.get("rows").size(); i++) {
            JsonNode a = w.get("rows").get(i), b = w2.get("rows").get(i);
            assertEquals(a.get("variant"), b.get("variant"));
            for (String f : new String[]{"total_return", "trades", "fees", "max_drawdown"}) assertEquals(a.get(f), b.get(f), a.get("variant") + " " + f + " at --threads 1 and 2");
        }
        // a rerun reuses the blocks' models instead of training them again
        assertEquals(0, run(concat(new String[]{"compare"}, data, "--from", "2022-03-20", "--to", "2022-04-13", "--blocks", "2", "--train", "unified,lightgbm",
                "--size", "tiny", "--epochs", "1", "--batches", "3", "--out", wf.toString())), err());
        assertTrue(err().contains("reusing"), err());
        assertEquals(2, run(concat(new String[]{"compare"}, data, "--from", "2022-03-20", "--blocks", "2", "--out", home.resolve("x").toString())));
        assertTrue(err().contains("--blocks needs --from and --to"), err());
        assertEquals(2, run(concat(new String[]{"compare"}, data, "--from", "2022-03-20", "--to", "2022-04-13", "--blocks", "2", "--unified", gbm.toString(),
                "--out", home.resolve("x").toString())));
        assertTrue(err().contains("leave out --unified"), err());

        assertEquals(0, run("decide", "--home", h, "--model", gbm.toString(), "--symbol", "SYN01USDT"), err());
        assertTrue(out().toLowerCase(java.util.Locale.ROOT).contains("action"), out());
        assertEquals(0, run("predict", "--home", h, "--model", gbm.toString(), "--symbol", "SYN01USDT"), err());
        assertTrue(out().contains("Direction: ") && out().contains("Regime: "), out());
        // the same strategy on the paper exchange over loopback
        Path paper = home.resolve("paper-gbm");
        assertEquals(0, run("paper", "--home", h, "--model", gbm.toString(), "--symbols", "SYN01USDT", "--from", "2022-03-05", "--to", "2022-03-25",
                "--risk", "0.02", "--out", paper.toString()), out() + err());
        assertTrue(out().contains("positions reconcile with the exchange"), out());
        assertEquals(0, new ObjectMapper().readTree(paper.resolve("paper.json").toFile()).get("errors").asLong());
        assertEquals(2, run("paper", "--home", h, "--model", gbm.toString(), "--symbols", "SYN01USDT", "--from", "2022-03-05", "--to", "2022-03-25",
                "--retrain-every", "24", "--out", home.resolve("paper-gbm2").toString()));
        assertTrue(err().contains("LightGBM model") && err().contains("--retrain-every"), err());
        assertEquals(2, run(concat(new String[]{"add-head", "win"}, data, "--model", gbm.toString())));
        assertTrue(err().contains("LightGBM model"), "commands that read unified models only say so: " + err());
        Files.writeString(gbm.resolve("trees/direction.txt"), "tree\n");
        assertEquals(2, run(concat(new String[]{"backtest"}, data, "--model", gbm.toString(), "--out", home.resolve("bt-bad").toString())));
        assertTrue(err().contains("direction.txt"), "a damaged booster is named: " + err());
        assertEquals(2, run(concat(new String[]{"train"}, data, "--kind", "xgboost", "--out", home.resolve("x").toString())));

        // the regime, its probability and the bars until it changes
        assertEquals(0, run(concat(new String[]{"regime"}, data, "--test-from", "2022-03-15", "--json")), err());
        JsonNode reg = new ObjectMapper().readTree(out());
        assertTrue(reg.get("testWindows").asInt() > 0 && reg.get("durationTestRows").asInt() > 0, out());
        assertEquals(2, reg.get("now").size());
        for (JsonNode now : reg.get("now")) {
            assertTrue(now.get("expectedBars").asDouble() > 0, now.toString());
            double sum = 0;
            for (JsonNode q : now.get("probabilities")) sum += q.asDouble();
            assertEquals(1, sum, 1e-9);
        }
        assertEquals(2, run(concat(new String[]{"regime"}, data)), "--test-from is required");

        // a walk-forward backtest's journals → the win probability
        Path bt = home.resolve("bt");
        assertEquals(0, run(concat(new String[]{"backtest"}, data, "--size", "tiny", "--walk-forward", "1000/300/300", "--epochs", "1", "--batches", "3",
                "--policy", "rule", "--out", bt.toString())), err());
        long trades = Files.readAllLines(bt.resolve("outcomes.jsonl")).size();
        Path meta = home.resolve("meta");
        int rc = run("meta-label", "--home", h, "--journals", bt.toString(), "--market-interval", "1h", "--embargo-hours", "4", "--out", meta.toString());
        if (trades * 0.55 < 50) {
            assertEquals(2, rc, "too few trades are refused: " + trades);
            assertTrue(err().contains("not enough data to train meta labels"), err());
        } else {
            assertEquals(0, rc, err());
            assertTrue(out().contains("let through by LightGBM") && out().contains("AUC"), out());
            assertTrue(Files.isRegularFile(meta.resolve("meta.json")) && Files.isRegularFile(meta.resolve("win_30m.txt")));
        }
        assertEquals(2, run("meta-label", "--home", h, "--journals", home.resolve("nope").toString()));
        assertTrue(err().contains("decisions.jsonl: not found"), err());

        // before any journal exists: the momentum rule's trades on stored bars, labelled by the triple barrier
        Path bars = home.resolve("meta-bars");
        assertEquals(0, run("meta-label", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--horizon", "8", "--every", "4",
                "--embargo-hours", "8", "--out", bars.toString()), err());
        assertTrue(out().contains("win probability (win) on") && out().contains("let through by LightGBM"), out());
        assertTrue(err().contains("trades of the momentum rule") && err().contains("closed at the vertical barrier"), err());
        JsonNode mj = new ObjectMapper().readTree(bars.resolve("meta.json").toFile());
        assertEquals("bars", mj.get("source").asText());
        assertEquals(8, mj.get("barriers").get("horizon").asInt());
        assertEquals(67, mj.get("feature_names").size(), "side, the primary's strength and σ, the 64 market features");
        assertTrue(Files.isRegularFile(bars.resolve("win.txt")) && Files.isRegularFile(bars.resolve("win_1bar.txt")));
        // the meta-label model as the ensemble's win member: its P(win) of the timing side's trade, built from the same features
        Path ens = home.resolve("ens.json");
        Files.writeString(ens, "{\"entryConfidence\": 0.5, \"winProbability\": 0.5, \"minConfidence\": 0.3}");
        Path timing = home.resolve("cmp-wf").resolve("block-2").resolve("models").resolve("lightgbm"); // gbm was damaged above on purpose
        assertEquals(0, run(concat(new String[]{"backtest"}, data, "--model", timing.toString(), "--win-model", bars.toString(), "--ensemble", ens.toString(),
                "--from", "2022-03-22", "--out", home.resolve("bt-meta").toString())), err());
        boolean seen = java.time.Instant.parse("2022-03-22T00:00:00Z").isBefore(java.time.Instant.parse(mj.get("test_from").asText()));
        assertEquals(seen, err().contains("its votes there are in-sample"), "warned exactly when the meta-label model saw these bars (test from " + mj.get("test_from") + ")");
        long withWin = Files.readAllLines(home.resolve("bt-meta").resolve("decisions.jsonl")).stream()
                .filter(l -> l.contains("\"win.confidence\"") && !l.contains("\"win.confidence\":0.5,")).count();
        assertTrue(withWin > 100, "the win member votes a probability on the windows with a timing side: " + withWin);
        Path broken = home.resolve("meta-broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("meta.json"), "{\"format\": \"tatra-meta-label-1\"}");
        assertEquals(2, run(concat(new String[]{"backtest"}, data, "--model", timing.toString(), "--win-model", broken.toString(), "--ensemble", ens.toString(),
                "--from", "2022-03-22", "--out", home.resolve("bt-meta2").toString())));
        assertTrue(err().contains("train it again"), err());
        assertEquals(2, run("meta-label", "--home", h, "--symbols", "SYN01USDT"));
        assertTrue(err().contains("--symbols needs --interval"), err());
        assertEquals(2, run("meta-label", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--journals", bt.toString()));
        assertTrue(err().contains("give either --journals"), err());
        assertEquals(2, run("meta-label", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--barriers", "0"));
        assertTrue(err().contains("barrier multiples must be > 0"), err());
    }
}
