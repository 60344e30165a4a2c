package io.tatra.ingest;

import io.tatra.TatraException;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class RateFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static long ms(String iso) { return Instant.parse(iso).toEpochMilli(); }

    @Test
    void tatraCsvWithJitterFlooredAndTheSymbolFromTheName() throws Exception {
        Path p = file("BTCUSDT_funding.csv", "timestamp,funding_rate\n2024-01-01T08:00:00Z,0.0001\n2024-01-01T16:00:00.011Z,-0.00005\n2024-01-01T00:00:00Z,1.0E-4\n");
        assertEquals(RateFile.Kind.FUNDING, RateFile.detect(p));
        RateFile.Result r = RateFile.read(p, null);
        assertEquals(Symbol.of("BTCUSDT"), r.symbol());
        assertArrayEquals(new long[]{ms("2024-01-01T00:00:00Z"), ms("2024-01-01T08:00:00Z"), ms("2024-01-01T16:00:00Z")}, r.times(), "sorted, jitter floored");
        assertArrayEquals(new double[]{1e-4, 1e-4, -5e-5}, r.values());
        assertEquals(1, r.floored());
    }

    @Test
    void openInterestAndBinanceCsv() throws Exception {
        Path oi = file("ETHUSDT_open_interest.csv", "timestamp,open_interest\n1704067200000,12345.5\n1704070800000,12400\n");
        assertEquals(RateFile.Kind.OPEN_INTEREST, RateFile.detect(oi));
        assertEquals(2, RateFile.read(oi, null).size());
        Path binance = file("BTCUSDT-fundingRate-2024-01.csv", "calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.00037409\n1704096000000,8,0.00031239\n");
        RateFile.Result r = RateFile.read(binance, null);
        assertEquals("binance-funding-csv", r.format());
        assertEquals(Symbol.of("BTCUSDT"), r.symbol());
        assertEquals(0.00037409, r.values()[0]);
    }

    @Test
    void bybitAndBinanceJson() throws Exception {
        Path bybit = file("page.json", """
                {
                  "retCode": 0, "retMsg": "OK",
                  "result": {"category": "linear", "list": [
                    {"symbol": "ETHPERP", "fundingRate": "0.0001", "fundingRateTimestamp": "1672041600000"},
                    {"symbol": "ETHPERP", "fundingRate": "-0.0002", "fundingRateTimestamp": "1672012800000"}]},
                  "retExtInfo": {}, "time": 1672051897447
                }""");
        assertEquals(RateFile.Kind.FUNDING, RateFile.detect(bybit));
        RateFile.Result r = RateFile.read(bybit, null);
        assertEquals(Symbol.of("ETHPERP"), r.symbol());
        assertArrayEquals(new long[]{1672012800000L, 1672041600000L}, r.times(), "Bybit's newest-first list comes out in time order");
        Path binance = file("x.json", "[{\"symbol\":\"BTCUSDT\",\"fundingTime\":1570608000000,\"fundingRate\":\"0.00010000\",\"markPrice\":\"8333.1\"}]");
        assertEquals("binance-funding-json", RateFile.read(binance, null).format());
    }

    @Test
    void badFilesAreRefusedWithFileAndLine() throws Exception {
        String h = "timestamp,funding_rate\n";
        assertRefused(file("AAUSDT_funding.csv", h + "2024-01-01T00:00:00Z,0.0001\n2024-01-01T08:00:00Z,abc\n"), "AAUSDT_funding.csv:3", "not a number");
        assertRefused(file("BBUSDT_funding.csv", h + "2024-01-01T00:00:00Z,1.5\n"), "BBUSDT_funding.csv:2", "not a fraction");
        assertRefused(file("CCUSDT_funding.csv", h + "2024-01-01T00:00:00Z,0.1\n2024-01-01T00:00:00.5Z,0.1\n"), "CCUSDT_funding.csv:3", "appears twice");
        assertRefused(file("DDUSDT_funding.csv", h + "2150-01-01T00:00:00Z,0.0001\n"), "DDUSDT_funding.csv:2", "bad time");
        assertRefused(file("EEUSDT_funding.csv", h + "2024-01-01T00:00:00Z,0x1p-3\n"), "EEUSDT_funding.csv:2", "not a number");
        assertRefused(file("FFUSDT_open_interest.csv", "timestamp,open_interest\n2024-01-01T00:00:00Z,-3\n"), "FFUSDT_open_interest.csv:2", "outside");
        assertRefused(file("rates.csv", h + "2024-01-01T00:00:00Z,0.0001\n"), "rates.csv", "give --symbol");
        assertRefused(file("GGUSDT_funding.csv", h), "GGUSDT_funding.csv", "no data rows");
        assertRefused(file("err.json", "{\"retCode\":10001,\"retMsg\":\"params error\",\"result\":{\"fundingRate\":1}}"), "err.json", "retCode 10001");
        assertEquals(RateFile.Kind.FUNDING, RateFile.detect(file("HHUSDT_funding.csv", h + "x,y\n")));
        assertNull(RateFile.detect(file("candles.csv", "timestamp,open,high,low,close,volume\n")), "a candle file is not a rate file");
        assertNull(RateFile.detect(file("kline.json", "{\"retCode\":0,\"result\":{\"list\":[[\"1\",\"2\"]]},\"open\":1}")));
    }

    private static void assertRefused(Path p, String where, String what) {
        TatraException e = assertThrows(TatraException.class, () -> RateFile.read(p, null));
        assertTrue(e.getMessage().contains(where) && e.getMessage().contains(what), e.getMessage());
    }
}
