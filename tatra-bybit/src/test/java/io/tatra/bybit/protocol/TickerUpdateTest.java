package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.*;

class TickerUpdateTest {
    private static JsonNode frame(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSnapshotCarriesTheOpenInterestAndADeltaWithoutItMeansUnchanged() {
        // the documented linear shape: strings for numbers, ts and cs integers in the envelope
        TickerUpdate snap = TickerUpdate.parse(frame("""
                {"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","tickDirection":"PlusTick","lastPrice":"67120.50",
                 "markPrice":"67119.80","openInterest":"52310.417","openInterestValue":"3511204561.41","fundingRate":"0.0001",
                 "nextFundingTime":"1717171200000"},"cs":24987956059,"ts":1717164000123}"""));
        assertEquals("BTCUSDT", snap.symbol());
        assertTrue(snap.snapshot());
        assertEquals(1717164000123L, snap.ts());
        assertEquals(new BigDecimal("52310.417"), snap.openInterest());
        assertEquals(new BigDecimal("0.0001"), snap.fundingRate());
        assertEquals(1717171200000L, snap.nextFundingTime());

        TickerUpdate delta = TickerUpdate.parse(frame("""
                {"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","lastPrice":"67121.00","bid1Price":"67120.90"},"cs":24987956060,"ts":1717164000223}"""));
        assertFalse(delta.snapshot());
        assertNull(delta.openInterest(), "a field missing from a delta is unchanged, not zero");
        assertNull(delta.fundingRate());
        assertEquals(0, delta.nextFundingTime());
        assertTrue(TickerUpdate.isTicker(frame("{\"topic\":\"tickers.ETHUSDT\"}")));
        assertFalse(TickerUpdate.isTicker(frame("{\"topic\":\"kline.60.ETHUSDT\"}")));
    }

    @Test
    void malformedFramesAreRefusedWithWhatIsWrong() {
        String[][] bad = {
                {"{\"topic\":\"kline.60.BTCUSDT\",\"type\":\"delta\",\"data\":{},\"ts\":1}", "not a ticker topic"},
                {"{\"topic\":\"tickers.BTCUSDT\",\"type\":\"update\",\"data\":{},\"ts\":1}", "snapshot or delta"},
                {"{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":[],\"ts\":1}", "not an object"},
                {"{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":\"ETHUSDT\"},\"ts\":1}", "data is for ETHUSDT"},
                {"{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{},\"ts\":\"soon\"}", "'ts'"},
                {"{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"openInterest\":\"lots\"},\"ts\":1}", "openInterest"},
                {"{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"openInterest\":\"-5\"},\"ts\":1}", "negative open interest"},
                {"{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"nextFundingTime\":\"soon\"},\"ts\":1}", "nextFundingTime"},
                {"{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"fundingRate\":\"x\"},\"ts\":1}", "fundingRate"},
        };
        for (String[] b : bad) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> TickerUpdate.parse(frame(b[0])), b[0]);
            assertTrue(e.getMessage().contains(b[1]), e.getMessage() + " should say " + b[1]);
        }
    }
}
