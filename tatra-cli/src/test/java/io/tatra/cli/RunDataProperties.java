package io.tatra.cli;

import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.app.RunResult;
import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.Performance;
import io.tatra.decision.FusionConfig;
import io.tatra.report.HtmlReport;
import io.tatra.report.RunData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A run directory with one of its files damaged at random: the report renders or refuses with the file named, never anything else. */
class RunDataProperties {
    static final List<String> FILES = List.of("result.json", "equity.csv", "trades.csv", "prices.csv");

    static String result() {
        Performance p = new Performance(0.1, 0.1, 0.2, 0.5, 0.6, 0.7, 0.1, 3, 1, 1, Double.NaN, 5, Double.NaN, 0.5, 2, 1, 0, 0.2, 1, 3);
        return Json.write(RunResult.of(p, p, "run", null, null, List.of("BTCUSDT"), "2024-01-01T00:00:00Z", "2024-01-01T02:00:00Z", null,
                BacktestConfig.defaults(), FusionConfig.defaults()));
    }

    static final String EQUITY = "time,equity,buy_and_hold,exposure\n2024-01-01T00:00:00Z,10000,10000,0\n2024-01-01T01:00:00Z,10010,10005,1\n";
    static final String TRADES = "symbol,side,quantity,entry_time,entry_price,exit_time,exit_price,fees,funding,pnl,reason,decision_id\n"
            + "BTCUSDT,long,1,2024-01-01T00:00:00Z,100,2024-01-01T01:00:00Z,102,0.1,0,1.9,signal,\n";
    static final String PRICES = "time,symbol,close\n2024-01-01T00:00:00Z,BTCUSDT,100\n2024-01-01T01:00:00Z,BTCUSDT,101\n";

    record Damage(int file, int kind, int at, String text) {}

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, FILES.size() - 1), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 10_000), Arbitraries.of("", "null", "NaN", ",", "\n", "\"", "<script>", "-1", "1e999", "{", "\u0000"))
                .as(Damage::new);
    }

    @Property
    void theReportRendersOrRefusesNamingTheFile(@ForAll("damage") Damage d) throws IOException {
        Path dir = Files.createTempDirectory("run");
        try {
            String[] content = {result(), EQUITY, TRADES, PRICES};
            String c = content[d.file()];
            int i = d.at() % Math.max(1, c.length());
            content[d.file()] = switch (d.kind()) {
                case 0 -> c.substring(0, i) + d.text() + c.substring(i);                          // insert
                case 1 -> c.substring(0, i);                                                       // truncate
                case 2 -> c.substring(0, i) + c.substring(Math.min(c.length(), i + 1 + d.at() % 7)); // delete
                default -> c.replace(",", d.text());                                               // replace separators
            };
            for (int k = 0; k < FILES.size(); k++) Files.writeString(dir.resolve(FILES.get(k)), content[k], StandardCharsets.UTF_8);
            try {
                String page = HtmlReport.render(RunData.read(dir));
                String data = page.substring(page.indexOf("const D = "));
                assertFalse(data.substring(0, data.indexOf('\n')).contains("<"), "no raw '<' in the embedded data");
            } catch (TatraException e) {
                assertTrue(e.getMessage().contains(dir.toString()), "names the run file: " + e.getMessage());
            }
        } finally {
            io.tatra.AtomicWrite.deleteQuietly(dir);
        }
    }
}
