package io.tatra.arrow;

import io.tatra.TatraException;
import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportRefusedException;
import io.tatra.ingest.ImportResult;
import io.tatra.market.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class FeatherFileTest {
    private static final String[] OHLCV = {"open", "high", "low", "close", "volume"};

    @TempDir
    Path dir;

    private static long[] dates(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) t[i] = 1672531200000L + i * 300_000L;
        return t;
    }

    private static double[][] candles(int n) {
        Random r = new Random(3);
        double[][] c = new double[5][n];
        double p = 16_500;
        for (int i = 0; i < n; i++) {
            double o = p, cl = o * (1 + r.nextGaussian() * 0.001);
            c[0][i] = o;
            c[1][i] = Math.max(o, cl) + 1;
            c[2][i] = Math.min(o, cl) - 1;
            c[3][i] = cl;
            c[4][i] = 10 + r.nextInt(100);
            p = cl;
        }
        return c;
    }

    private Path file(String name, byte[] b) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void candlesRoundTripUncompressedAndLz4AndPassTheImporter() throws Exception {
        double[][] c = candles(20_000);
        for (boolean lz4 : new boolean[]{false, true}) {
            Path p = file("BTC_USDT_USDT-5m-futures.feather", FeatherWriter.write(dates(20_000), OHLCV, c, lz4, 0));
            assertTrue(FreqtradeFeather.isFeather(p));
            FeatherFile.Table t = FeatherFile.read(p);
            assertEquals(20_000, t.rows());
            assertArrayEquals(dates(20_000), t.column(p, "date").millis());
            assertArrayEquals(c[3], t.column(p, "close").values());
            ImportResult r = FreqtradeFeather.candles(p, ImportOptions.strict());
            assertEquals("BTCUSDT", r.series().symbol().value());
            assertEquals(Interval.M5, r.series().interval());
            assertEquals(20_000, r.series().size());
            assertEquals("freqtrade-feather", r.report().format().id());
        }
    }

    @Test
    void damagedFilesAndNullsAreClearErrors() throws Exception {
        byte[] good = FeatherWriter.write(dates(500), OHLCV, candles(500), true, 0);
        assertThrows(TatraException.class, () -> FeatherFile.read(file("cut.feather", java.util.Arrays.copyOf(good, good.length / 2))));
        byte[] magic = good.clone();
        magic[0] = 'X';
        TatraException m = assertThrows(TatraException.class, () -> FeatherFile.read(file("magic.feather", magic)));
        assertTrue(m.getMessage().contains("no ARROW1 magic"), m.getMessage());
        Random r = new Random(9);
        for (int k = 0; k < 300; k++) { // flipped bytes anywhere: a result or a clear error, never another exception
            byte[] b = good.clone();
            for (int j = 0; j < 3; j++) b[8 + r.nextInt(b.length - 16)] ^= (byte) (1 + r.nextInt(255));
            Path p = file("flip.feather", b);
            try {
                FeatherFile.read(p);
            } catch (TatraException expected) {
                assertTrue(expected.getMessage().startsWith(p.toString()), expected.getMessage());
            }
        }
        Path nulls = file("ETH_USDT_USDT-5m-futures.feather", FeatherWriter.write(dates(50), OHLCV, candles(50), false, 3));
        TatraException n = assertThrows(TatraException.class, () -> FreqtradeFeather.candles(nulls, ImportOptions.strict()));
        assertTrue(n.getMessage().contains("column 'open' has 3 missing values"), n.getMessage());
        double[][] bad = candles(50);
        bad[1][10] = bad[2][10] - 5; // high below low
        Path hl = file("SOL_USDT_USDT-5m-futures.feather", FeatherWriter.write(dates(50), OHLCV, bad, false, 0));
        ImportRefusedException e = assertThrows(ImportRefusedException.class, () -> FreqtradeFeather.candles(hl, ImportOptions.strict()));
        assertTrue(e.getMessage().contains("HIGH_BELOW_LOW"), e.getMessage());
    }

    @Test
    void fundingFromTheOpenColumnWithJitterFloored() throws Exception {
        long[] t = {1672531200011L, 1672560000000L, 1672588800003L};
        double[][] c = {{1e-4, -2e-5, 3e-5}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
        Path p = file("BTC_USDT_USDT-8h-funding_rate.feather", FeatherWriter.write(t, OHLCV, c, true, 0));
        assertTrue(FreqtradeFeather.isFunding(p));
        var r = FreqtradeFeather.funding(p, null);
        assertArrayEquals(new long[]{1672531200000L, 1672560000000L, 1672588800000L}, r.times());
        assertEquals(2, r.floored());
        assertArrayEquals(c[0], r.values());
    }
}
