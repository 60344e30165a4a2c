package io.tatra.arrow;

import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportResult;
import io.tatra.ingest.RateFile;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** The real freqtrade Feather files of ../shared/data (written by pyarrow; skipped when the folder is absent). */
class SharedFeatherTest {
    private static Path dir() {
        for (String p : new String[]{"../../shared/data/freqtrade-binance-usdm-5m", "../shared/data/freqtrade-binance-usdm-5m"})
            if (Files.isDirectory(Path.of(p))) return Path.of(p);
        Assumptions.assumeTrue(false, "shared data absent");
        return null;
    }

    @Test
    void freqtradeFuturesCandlesImportWithTheReadmesFigures() {
        ImportResult r = FreqtradeFeather.candles(dir().resolve("BTC_USDT_USDT-5m-futures.feather"), ImportOptions.strict());
        assertEquals(Symbol.of("BTCUSDT"), r.series().symbol());
        assertEquals(Interval.M5, r.series().interval());
        assertEquals(Instant.parse("2023-01-01T00:00:00Z"), r.series().openTime(0));
        assertTrue(r.series().size() > 143_000 && r.series().size() < 145_000, "about 143,900 rows: " + r.series().size());
        assertEquals(0, r.series().missingBars(), "no gaps");
        assertTrue(r.series().close(0) > 16_000 && r.series().close(0) < 17_000, "BTC near 16,500 on 2023-01-01: " + r.series().close(0));
    }

    @Test
    void freqtradeFundingHasItsRateInTheOpenColumnAndJitterFloored() {
        RateFile.Result f = FreqtradeFeather.funding(dir().resolve("BTC_USDT_USDT-8h-funding_rate.feather"), null);
        assertEquals(Symbol.of("BTCUSDT"), f.symbol());
        assertEquals(1_498, f.size(), "the README's row count");
        assertTrue(f.floored() > 0, "some timestamps carried milliseconds of jitter");
        for (long t : f.times()) assertEquals(0, t % 1000);
        assertTrue(Math.abs(f.values()[0]) < 0.01);
    }
}
