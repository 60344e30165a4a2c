package io.tatra.ingest;

import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** One small fixture per supported format and per quirk of the real files. */
class FormatsTest {
    @TempDir
    Path dir;

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) { o.write(content.getBytes(StandardCharsets.UTF_8)); }
        } else {
            Files.writeString(p, content);
        }
        return p;
    }

    @Test
    void binanceUsdmExportWithLocalOffsetsBecomesUtcAcrossTheDstChange() throws IOException {
        Path f = write("ETHUSDT_1h.csv.gz", """
                open_time,open,high,low,close,volume,close_time,returns
                2021-10-31 00:00:00+03:00,10,11,9,10.5,100,2021-10-31 00:59:59.999000+03:00,0.01
                2021-10-31 01:00:00+03:00,10.5,11,10,10.7,100,2021-10-31 01:59:59.999000+03:00,0.01
                2021-10-31 01:00:00+02:00,10.7,11,10,10.6,100,2021-10-31 01:59:59.999000+02:00,0.01
                """);
        ImportResult r = BarImporter.read(f, ImportOptions.strict());
        assertEquals(SourceFormat.BINANCE_USDM_EXPORT, r.report().format());
        assertEquals(Instant.parse("2021-10-30T21:00:00Z"), r.series().openTime(0));
        assertEquals(Instant.parse("2021-10-30T23:00:00Z"), r.series().openTime(2));
        assertEquals(0, r.series().missingBars());
        assertEquals(Symbol.of("ETHUSDT"), r.series().symbol());
    }

    @Test
    void binanceKlineHeaderlessTwelveColumns() throws IOException {
        Path f = write("BTCUSDT-1m-2024-01.csv", """
                1704067200000,42283.58,42298.62,42261.02,42298.61,35.92724,1704067259999,1519032.0,1327,23.5,993540.1,0
                1704067260000,42298.62,42320.00,42298.61,42320.00,21.50,1704067319999,909612.3,800,10.1,427000.0,0
                """);
        ImportResult r = BarImporter.read(f, ImportOptions.strict());
        assertEquals(SourceFormat.BINANCE_KLINE, r.report().format());
        assertEquals(Interval.M1, r.series().interval());
        assertEquals(1327, r.series().tradeCount(0));
        assertEquals(1519032.0, r.series().quoteVolume(0));
    }

    @Test
    void binanceKlineInMicrosecondsIsDecidedByMagnitude() throws IOException {
        Path f = write("BTCUSDT-1h-2025-01.csv", """
                1735689600000000,1,2,0.5,1.5,10,1735693199999999,15,3,1,1,0
                1735693200000000,1.5,2,1,1.8,10,1735696799999999,15,3,1,1,0
                """);
        ImportResult r = BarImporter.read(f, ImportOptions.strict());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), r.series().openTime(0));
        assertEquals(Interval.H1, r.series().interval());
    }

    @Test
    void genericYfinanceCsvInAnyColumnOrder() throws IOException {
        Path f = write("BTC-USD.csv", """
                Date,Close,High,Low,Open,Volume
                2024-01-01,42000,42500,41000,41500,1000
                2024-01-02,43000,43500,41900,42000,1200
                2024-01-03,42500,43200,42000,43000,900
                """);
        ImportResult r = BarImporter.read(f, new ImportOptions(Symbol.of("BTCUSD"), null, ImportPolicy.STRICT));
        BarSeries s = r.series();
        assertEquals(Interval.D1, s.interval());
        assertEquals(41500, s.open(0));
        assertEquals(42000, s.close(0));
        assertEquals(42500, s.high(0));
        assertEquals(1, r.report().count(FindingKind.NO_ZONE));
        Path adj = write("SPY.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,0.5,1.5,1.4,10\n2024-01-03,1.5,2,1,1.8,1.7,10\n");
        ImportResult r2 = BarImporter.read(adj, ImportOptions.strict());
        assertEquals(1.5, r2.series().close(0));
        assertEquals(1, r2.report().count(FindingKind.IGNORED_COLUMNS));
        assertEquals(1, r2.report().count(FindingKind.FROM_FILE_NAME));
    }

    @Test
    void designDocumentMarketJsonl() throws IOException {
        Path f = write("nq_market.jsonl", """
                {"timestamp":"2024-01-01T09:30:00Z","open":16500.25,"high":16510.50,"low":16495.00,"close":16508.75,"volume":2450,"indicators":{"rsi":52.3}}
                {"timestamp":"2024-01-01T09:35:00Z","open":16508.75,"high":16520.00,"low":16500.00,"close":16515.00,"volume":1800,"indicators":{"rsi":55.1}}
                """);
        ImportResult r = BarImporter.read(f, new ImportOptions(Symbol.of("NQ00"), null, ImportPolicy.STRICT));
        assertEquals(SourceFormat.MARKET_JSONL, r.report().format());
        assertEquals(Interval.M5, r.series().interval());
        assertEquals(16508.75, r.series().close(0));
    }

    /** The CryptoDataDownload quirks, each in a few lines. */
    static final String CDD = """
            https://www.CryptoDataDownload.com
            unix,date,symbol,open,high,low,close,Volume BTC,Volume USDT,tradecount
            1605862800000,2020-11-20 09:00:00,BTC/USDT,18200.00000000,18300.00000000,18100.00000000,18250.00000000,100.0,1825000.0,900
            1605859200000,2020-11-20 08:00:00,BTC/USDT,18212.00000000,18250.00000000,18150.00000000,18200.00000000,90.0,1640000.0,800
            1605855600000,2020-11-20 07:00:00,BTC/USDT,18164.79000000,18404.68000000,18089.71000000,18212.00000000,6097.86638000,111204907.80,93118
            1605855600.0,2020-11-20 07-AM,BTC/USDT,18164.8,18404.68,18089.71,18143.03,4940.76,90181847.22,NULL
            1605852000.0,2020-11-20 06-AM,BTC/USDT,18129.99,18176.01,18060,18164.8,2523.08,45718387.34,NULL
            1605852000.0,2020-11-20 06-AM,BTC/USDT,18129.99,18176.01,18060,18164.8,2523.08,45718387.34,NULL
            1605844800.0,2020-11-20 04-AM,BTC/USDT,18100,18150,18000,18129.99,2000,36000000,NULL
            1605841200.0,2020-11-20 03-AM,BTC/USDT,60000,60000,18000,18100,2000,36000000,NULL
            """;

    @Test
    void cryptoDataDownloadQuirksUnderStrict() throws IOException {
        Path f = write("Binance_BTCUSDT_1h.csv", CDD);
        var e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, ImportOptions.strict()));
        DataReport r = e.report();
        assertEquals(SourceFormat.CRYPTODATADOWNLOAD, r.format());
        assertEquals(1, r.count(FindingKind.PREAMBLE));
        assertEquals(1, r.count(FindingKind.DUPLICATE_CONFLICTING));
        assertEquals(1, r.count(FindingKind.DUPLICATE_IDENTICAL));
        assertEquals(1, r.count(FindingKind.MIXED_TIME_UNITS));
        assertEquals(1, r.count(FindingKind.REVERSE_ORDER));
        assertEquals(1, r.count(FindingKind.GAP));
        assertEquals(1, r.count(FindingKind.OUTLIER));
        assertEquals(1, r.count(FindingKind.MISSING_OPTIONAL));
        assertTrue(e.getMessage().contains("Binance_BTCUSDT_1h.csv:6: DUPLICATE_CONFLICTING"), e.getMessage());
    }

    @Test
    void cryptoDataDownloadQuirksUnderRepair() throws IOException {
        Path f = write("Binance_BTCUSDT_1h.csv", CDD);
        ImportResult r = BarImporter.read(f, ImportOptions.repair());
        BarSeries s = r.series();
        assertEquals(Symbol.of("BTCUSDT"), s.symbol());
        assertEquals(5, s.size(), "7 distinct hours minus the untrusted first bar ... " + r.report().render(5));
        int i = s.lowerBound(Instant.parse("2020-11-20T07:00:00Z").toEpochMilli());
        assertEquals(18212.0, s.close(i), "the 8-decimal row with a trade count wins the conflict");
        assertEquals(93118, s.tradeCount(i));
        assertEquals(-1, s.tradeCount(s.lowerBound(Instant.parse("2020-11-20T06:00:00Z").toEpochMilli())), "NULL trade count stays missing");
        var actions = r.report().repairs().stream().map(Repair::action).toList();
        assertTrue(actions.contains(Repair.Action.SORTED));
        assertTrue(actions.contains(Repair.Action.RESOLVED_CONFLICT));
        assertTrue(actions.contains(Repair.Action.DROPPED_IDENTICAL_DUPLICATE));
        assertTrue(actions.contains(Repair.Action.DROPPED_ROW), "the bar with open 60000 against closes near 18100");
        assertEquals(Instant.parse("2020-11-20T04:00:00Z"), s.openTime(0));
    }

    @Test
    void isolatedSpikeIsClippedUnderRepairButACrashConfirmedByItsNeighboursIsNot() throws IOException {
        StringBuilder calm = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = 0; i < 10; i++) {
            String hi = i == 5 ? "300" : "101";   // an isolated print at 300 in a market trading near 100
            calm.append(String.format("2024-01-01T%02d:00:00Z,100,%s,99,100,10%n", i, hi));
        }
        ImportResult r = BarImporter.read(write("SPIKE_1h.csv", calm.toString()), ImportOptions.repair());
        assertEquals(100, r.series().high(5), "clipped to the body");
        assertTrue(r.report().repairs().stream().anyMatch(x -> x.action() == Repair.Action.CLIPPED_WICK && x.line() == 7));

        StringBuilder crash = new StringBuilder("timestamp,open,high,low,close,volume\n");
        String[] rows = {"100,101,99,100", "100,101,99,100", "100,100,80,85", "85,95,40,90", "90,92,70,88", "88,90,86,89"};
        for (int i = 0; i < rows.length; i++) crash.append(String.format("2024-01-01T%02d:00:00Z,%s,10%n", i, rows[i]));
        ImportResult c = BarImporter.read(write("CRASH_1h.csv", crash.toString()), ImportOptions.repair());
        assertEquals(40, c.series().low(3), "a crash wick with wild neighbours is real data");
        assertEquals(0, c.report().count(FindingKind.OUTLIER));
    }
}
