package io.tatra.bybit.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class MarketTypesTest {
    @Test
    void fundingHistoryParsesExactlyInTimeOrder() throws IOException {
        List<FundingRate> f = FundingRate.page(Envelope.parse(ProtocolTest.fixture("funding.json")));
        assertEquals(2, f.size());
        assertEquals(1672012800000L, f.get(0).time());
        assertEquals(new BigDecimal("-0.000052"), f.get(0).rate());
        assertEquals(new BigDecimal("0.0001"), f.get(1).rate());
        String bad = "{\"retCode\":0,\"result\":{\"list\":[{\"symbol\":\"BTCUSDT\",\"fundingRate\":0.0001,\"fundingRateTimestamp\":\"1672041600000\"}]}}";
        var e = assertThrows(ProtocolException.class, () -> FundingRate.page(Envelope.parse(bad)));
        assertTrue(e.getMessage().contains("funding entry 0") && e.getMessage().contains("fundingRate"), e.getMessage());
    }

    @Test
    void instrumentsCarryTheTradingRulesAndTheLastPageHasNoCursor() throws IOException {
        Instrument.Page p = Instrument.page(Envelope.parse(ProtocolTest.fixture("instruments.json")));
        assertNull(p.nextCursor(), "\"\" marks the last page");
        Instrument btc = p.instruments().get(0);
        assertTrue(btc.trading());
        assertEquals(new BigDecimal("0.10"), btc.tickSize());
        assertEquals(480, btc.fundingIntervalMinutes());
        assertEquals(new BigDecimal("0.123"), btc.roundQty(new BigDecimal("0.12399")), "quantities round down to the step");
        assertEquals(0, new BigDecimal("65000.1").compareTo(btc.roundPrice(new BigDecimal("65000.14"))));
        assertNull(btc.refusal(new BigDecimal("0.001"), new BigDecimal("65000"), true));
        assertTrue(btc.refusal(new BigDecimal("0.0005"), new BigDecimal("65000"), true).contains("below the minimum 0.001"));
        assertTrue(btc.refusal(new BigDecimal("600"), new BigDecimal("65000"), true).contains("above the maximum 500"), "market orders have their own cap");
        assertNull(btc.refusal(new BigDecimal("600"), new BigDecimal("65000"), false));
        assertTrue(btc.refusal(new BigDecimal("0.0015"), new BigDecimal("65000"), false).contains("not a multiple of the step"));
        assertTrue(btc.refusal(new BigDecimal("0.001"), new BigDecimal("3000"), true).contains("minimum notional 5"));
    }

    @Test
    void orderLinkIdsAreDeterministicShortAndDistinctPerLeg() {
        OrderLinkId a = OrderLinkId.of("BTCUSDT-2024-01-01T00:00:00Z", 0);
        assertEquals(a, OrderLinkId.of("BTCUSDT-2024-01-01T00:00:00Z", 0), "the same decision, the same id: a lost answer is resolved by lookup");
        assertNotEquals(a, OrderLinkId.of("BTCUSDT-2024-01-01T00:00:00Z", 1));
        assertTrue(a.value().length() <= OrderLinkId.MAX_LENGTH && a.value().matches("[A-Za-z0-9_-]+"), a.value());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) assertTrue(seen.add(OrderLinkId.of("decision_" + i, 0).value()));
        assertThrows(IllegalArgumentException.class, () -> new OrderLinkId("x".repeat(37)));
        assertThrows(IllegalArgumentException.class, () -> new OrderLinkId("has space"));
    }
}
