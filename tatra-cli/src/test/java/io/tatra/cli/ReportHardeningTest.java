package io.tatra.cli;

import io.tatra.Json;
import io.tatra.app.RunResult;
import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.Performance;
import io.tatra.decision.FusionConfig;
import io.tatra.metrics.WindowForecast;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The report treats a run directory as untrusted input: nothing in it can inject script, and a bad value names its file and line. */
class ReportHardeningTest extends CliHarness {
    static final String EVIL = "</script><script>document.title='pwned'</script><!--<script>";

    Path runDir(String name, String symbol) throws Exception {
        Path dir = home.resolve(name);
        Files.createDirectories(dir);
        Performance p = new Performance(0.1, 0.1, 0.2, 0.5, 0.6, 0.7, 0.1, 3, 1, 1, Double.NaN, 5, Double.NaN, 0.5, 2, 1, 0, 0.2, 1, 3);
        RunResult r = RunResult.of(p, p, dir.toString(), EVIL, null, List.of(symbol), "2024-01-01T00:00:00Z", "2024-01-01T02:00:00Z", EVIL,
                BacktestConfig.defaults(), FusionConfig.defaults());
        Files.writeString(dir.resolve("result.json"), Json.write(r));
        Files.writeString(dir.resolve("equity.csv"), "time,equity,buy_and_hold,exposure\n2024-01-01T00:00:00Z,10000,10000,0\n"
                + "2024-01-01T01:00:00Z,10010,10005,1\n2024-01-01T02:00:00Z,10020,10002,0\n");
        Files.writeString(dir.resolve("trades.csv"), "symbol,side,quantity,entry_time,entry_price,exit_time,exit_price,fees,funding,pnl,reason,decision_id\n"
                + symbol + ",long,1,2024-01-01T00:00:00Z,100,2024-01-01T02:00:00Z,102,0.1,0,1.9,signal," + "\n");
        Files.writeString(dir.resolve("prices.csv"), "time,symbol,close\n2024-01-01T00:00:00Z," + symbol + ",100\n2024-01-01T01:00:00Z," + symbol
                + ",101\n2024-01-01T02:00:00Z," + symbol + ",102\n");
        Files.writeString(dir.resolve("forecasts.csv"), WindowForecast.HEADER + "\n"
                + new WindowForecast(1704067200000L, symbol, new double[]{0.2, 0.3, 0.5}, 0.01, new double[]{0.5, 0.2, 0.3}, 0.001, 2, 0, 0.01, 0.002).csvLine() + "\n");
        return dir;
    }

    @Test
    void hostileStringsAreEscapedAndThePageStillRenders() throws Exception {
        Path dir = runDir("run<!--<script>", "EVIL<b>USDT");
        assertEquals(0, run("report", dir.toString()), err());
        String page = Files.readString(dir.resolve("report.html"));
        int data = page.indexOf("const D = ");
        String json = page.substring(data, page.indexOf('\n', data));
        assertFalse(json.contains("<"), "no raw '<' inside the embedded data: " + json.substring(0, Math.min(300, json.length())));
        assertTrue(json.contains("\\u003c/script\\u003e"), "the hostile text is kept, escaped");
        try (var in = io.tatra.report.HtmlReport.class.getResourceAsStream("/io/tatra/report/report.html")) {
            assertFalse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("innerHTML"), "values enter the page as text only");
        }
        Path chromium = Browser.find();
        if (chromium != null) {
            String dom = Browser.dumpDom(chromium, dir.resolve("report.html"), home.resolve("chromium-profile"));
            assertTrue(dom.contains("data-status=\"rendered\""), "the page renders: " + dom.substring(0, Math.min(1500, dom.length())));
            assertFalse(dom.contains("<title>pwned"), "no injected script ran");
        }
    }

    @Test
    void badValuesInRunFilesNameTheFileAndLine() throws Exception {
        Path dir = runDir("bad", "BTCUSDT");
        Files.writeString(dir.resolve("equity.csv"), "time,equity,buy_and_hold,exposure\n2024-01-01T00:00:00Z,10000,10000,0\nyesterday,1,1,0\n");
        assertReportFails(dir, "equity.csv:3:", "not an ISO-8601");
        dir = runDir("bad2", "BTCUSDT");
        Files.writeString(dir.resolve("forecasts.csv"), WindowForecast.HEADER + "\n2024-01-01T00:00:00Z,BTCUSDT,0.2,0.3,0.5,0.01,0.5,0.2,0.3,0.001,7,0,0.01,0.002\n");
        assertReportFails(dir, "forecasts.csv:2:", "labels are 0..2");
        dir = runDir("bad3", "BTCUSDT");
        Files.writeString(dir.resolve("result.json"), Files.readString(dir.resolve("result.json")).replaceFirst("\"trades\" : 1", "\"trades\" : null"));
        assertReportFails(dir, "result.json", "");
        dir = runDir("bad4", "BTCUSDT");
        Files.writeString(dir.resolve("trades.csv"), "symbol,side,quantity,entry_time,entry_price,exit_time,exit_price,fees,funding,pnl,reason,decision_id\n"
                + "BTCUSDT,sideways,1,2024-01-01T00:00:00Z,100,2024-01-01T02:00:00Z,102,0.1,0,1.9,signal,\n");
        assertReportFails(dir, "trades.csv:2:", "long or short");
        dir = runDir("bad5", "BTCUSDT");
        Files.writeString(dir.resolve("prices.csv"), "time,symbol,close\n2024-01-01T00:00:00Z,BTCUSDT,-5\n");
        assertReportFails(dir, "prices.csv:2:", "must be > 0");
        dir = runDir("bad6", "BTCUSDT");
        Files.writeString(dir.resolve("result.json"), "null");
        assertReportFails(dir, "result.json", "");
    }

    private void assertReportFails(Path dir, String where, String what) {
        assertEquals(2, run("report", dir.toString()), "report of " + dir + ": " + err());
        assertTrue(err().contains(where) && err().contains(what) && !err().contains("\tat "), err());
    }
}
