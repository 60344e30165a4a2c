package io.tatra.bybit.protocol;

import io.tatra.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StreamTypesTest {
    static final String KLINE = "{\"topic\":\"kline.5.BTCUSDT\",\"data\":[{\"start\":1672324800000,\"end\":1672325099999,\"interval\":\"5\",\"open\":\"16649.5\","
            + "\"close\":\"16677\",\"high\":\"16677\",\"low\":\"16608\",\"volume\":\"2.081\",\"turnover\":\"34666.4005\",\"confirm\":%s,\"timestamp\":1672324988882}],"
            + "\"ts\":1672324988882,\"type\":\"snapshot\"}";

    @Test
    void onlyConfirmedKlinesAreClosedBars() throws Exception {
        var forming = Json.MAPPER.readTree(String.format(KLINE, "false"));
        assertEquals(1, KlineUpdate.parse(forming).size());
        assertEquals(List.of(), KlineUpdate.closed(forming), "a forming candle is not a bar");
        var closed = KlineUpdate.closed(Json.MAPPER.readTree(String.format(KLINE, "true")));
        assertEquals(1, closed.size());
        assertEquals(new BigDecimal("16677"), closed.get(0).close());
        assertEquals("BTCUSDT", KlineUpdate.parse(forming).get(0).symbol());
        var bad = assertThrows(ProtocolException.class, () -> KlineUpdate.parse(Json.MAPPER.readTree(String.format(KLINE, "\"true\""))));
        assertTrue(bad.getMessage().contains("kline.5.BTCUSDT entry 0") && bad.getMessage().contains("confirm"), bad.getMessage());
        assertThrows(ProtocolException.class, () -> KlineUpdate.parse(Json.MAPPER.readTree(String.format(KLINE, "true").replace("kline.5", "kline.15"))));
    }

    @Test
    void rateLimitHeadersDriveTheWait() {
        RateLimit r = RateLimit.of("10", "0", "1672738134824");
        assertEquals(824, r.waitMillis(1672738134000L));
        assertEquals(0, RateLimit.of("10", "9", "1672738134824").waitMillis(1672738134000L));
        assertNull(RateLimit.of(null, "9", "1"));
        assertEquals(RateLimit.DEFAULT_BACK_OFF_MS, RateLimit.backOff(null, 0));
        assertThrows(ProtocolException.class, () -> RateLimit.of("10", "11", "1"));
        assertThrows(ProtocolException.class, () -> RateLimit.of("ten", "1", "1"));
    }
}
