package io.tatra.ingest;

import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** The real files of ../shared/data (skipped when absent). */
class RealDataImportTest {

    @Test
    void binanceUsdmBtcImportsAllHoursInUtcWithoutGaps() {
        Path f = SharedData.file("binance-usdm-1h/BTCUSDT_1h.csv.gz");
        ImportResult r = BarImporter.read(f, ImportOptions.strict());
        BarSeries s = r.series();
        assertEquals(31_973, s.size());
        assertEquals(Symbol.of("BTCUSDT"), s.symbol());
        assertEquals(Interval.H1, s.interval());
        assertEquals(0, s.missingBars());
        assertEquals(SourceFormat.BINANCE_USDM_EXPORT, r.report().format());
        // "2020-10-23 11:00:00+03:00" is 08:00 UTC
        assertEquals(Instant.parse("2020-10-23T08:00:00Z"), s.openTime(0));
        assertEquals(12889.35, s.open(0));
        assertEquals(0, r.report().errors(), r.report().render(5));
    }

    @Test
    void cryptoDataDownloadIsRefusedUnderStrictWithLineNumbers() {
        Path f = SharedData.file("cryptodatadownload-spot-1h-raw/Binance_BTCUSDT_1h.csv.gz");
        ImportRefusedException e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, ImportOptions.strict()));
        DataReport rep = e.report();
        assertEquals(SourceFormat.CRYPTODATADOWNLOAD, rep.format());
        assertEquals(2649, rep.count(FindingKind.DUPLICATE_CONFLICTING), rep.render(3));
        assertTrue(rep.count(FindingKind.REVERSE_ORDER) + rep.count(FindingKind.UNSORTED) == 1);
        assertEquals(1, rep.count(FindingKind.MIXED_TIME_UNITS));
        assertEquals(8, rep.count(FindingKind.GAP));
        assertTrue(rep.count(FindingKind.OUTLIER) >= 1, rep.render(3));
        assertTrue(e.getMessage().contains("Binance_BTCUSDT_1h.csv.gz:"), e.getMessage());
        assertEquals(91, rep.count(FindingKind.TIME_MISMATCH));
        assertTrue(e.getMessage().matches("(?s).*csv\\.gz:\\d+: (DUPLICATE_CONFLICTING|TIME_MISMATCH).*"), e.getMessage());
    }

    @Test
    void cryptoDataDownloadImportsUnderRepairWithARepairList() {
        Path f = SharedData.file("cryptodatadownload-spot-1h-raw/Binance_BTCUSDT_1h.csv.gz");
        ImportResult r = BarImporter.read(f, ImportOptions.repair());
        BarSeries s = r.series();
        int i = s.lowerBound(Instant.parse("2021-01-01T00:00:00Z").toEpochMilli());
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), s.openTime(i));
        assertEquals(28995.13, s.close(i));
        assertEquals(2649, r.report().repairs().stream().filter(x -> x.action() == Repair.Action.RESOLVED_CONFLICT).count());
        // the bad first bar (open/high 16199.91 against a close of 4308.83) is not imported as is
        for (int k = 0; k < 3; k++) assertTrue(s.high(k) < 5000, "bar " + k + " high " + s.high(k));
        assertEquals(Symbol.of("BTCUSDT"), s.symbol());
        System.out.println(r.report().render(3));
    }
}
