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
                "--out", bt.toString())), err());
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
    }
}
