package io.tatra.bybit.protocol;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.*;

class OrderRequestTest {
    static final OrderLinkId ID = OrderLinkId.of("BTCUSDT-2024-01-01T00:00:00Z", 0);

    @Test
    void theBodyIsExactCompactAndRoundTrips() {
        OrderRequest r = new OrderRequest("BTCUSDT", OrderRequest.Side.Buy, OrderRequest.Type.Limit, new BigDecimal("0.0010"), new BigDecimal("65000.10"),
                null, ID, false, new BigDecimal("67000"), new BigDecimal("6.4E+4"));
        String json = r.toJson();
        assertEquals("{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.0010\",\"price\":\"65000.10\","
                + "\"timeInForce\":\"GTC\",\"orderLinkId\":\"" + ID + "\",\"takeProfit\":\"67000\",\"stopLoss\":\"64000\"}", json);
        assertEquals(r, OrderRequest.parse(json));
        // what is signed is exactly what is sent
        String sig = Signer.rest(ProtocolTest.KEY, 1658385579423L, 5000, json);
        assertTrue(Signer.verify(ProtocolTest.KEY.secret(), Signer.restText(1658385579423L, ProtocolTest.KEY.key(), 5000, json), sig));
    }

    @Test
    void otherClientsBodiesAreReadAsSent() {
        // pybit: spaces after ':' and ','; numbers as strings; ccxt may send a JSON number
        String pybit = "{\"category\": \"linear\", \"symbol\": \"BTCUSDT\", \"side\": \"Sell\", \"orderType\": \"Market\", \"qty\": 0.001, \"orderLinkId\": \"abc-1\"}";
        OrderRequest r = OrderRequest.parse(pybit);
        assertEquals(OrderRequest.TimeInForce.IOC, r.timeInForce(), "a market order is always IOC");
        assertEquals(new BigDecimal("0.001"), r.qty());
        assertNull(r.price());
        assertEquals("abc-1", r.orderLinkId().value());
    }

    @Test
    void refusalsCarryBybitsParamsErrorTexts() {
        String base = "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Market\",\"qty\":\"0.001\",\"orderLinkId\":\"x-1\"%s}";
        assertEquals("params error: side invalid", assertThrows(ProtocolException.class, () -> OrderRequest.parse(base.formatted("").replace("\"Buy\"", "\"buy\""))).getMessage());
        assertEquals("params error: category invalid", assertThrows(ProtocolException.class, () -> OrderRequest.parse(base.formatted("").replace("linear", "spot"))).getMessage());
        assertEquals("params error: qty invalid", assertThrows(ProtocolException.class, () -> OrderRequest.parse(base.formatted("").replace("\"0.001\"", "\"1e-3\""))).getMessage());
        assertEquals("Qty invalid", assertThrows(ProtocolException.class, () -> OrderRequest.parse(base.formatted("").replace("\"0.001\"", "\"0\""))).getMessage());
        assertEquals("params error: orderLinkId is required", assertThrows(ProtocolException.class, () -> OrderRequest.parse(base.formatted("").replace(",\"orderLinkId\":\"x-1\"", ""))).getMessage());
        assertTrue(assertThrows(ProtocolException.class, () -> OrderRequest.parse(base.formatted(",\"reduceOnly\":true,\"stopLoss\":\"60000\""))).getMessage().contains("reduce-only"));
        assertTrue(assertThrows(ProtocolException.class, () -> OrderRequest.parse(base.formatted("").replace("Market", "Limit"))).getMessage().contains("price is required"));
    }

    @Test
    void theAckNamesTheOrder() {
        var ack = OrderRequest.Ack.of(Envelope.parse("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"orderId\":\"1321003749386327552\",\"orderLinkId\":\"" + ID + "\"},\"retExtInfo\":{},\"time\":1}"));
        assertEquals("1321003749386327552", ack.orderId());
        assertEquals(ID, ack.orderLinkId());
        var dup = Envelope.parse("{\"retCode\":110072,\"retMsg\":\"OrderLinkedID is duplicate\",\"result\":{},\"retExtInfo\":{},\"time\":1}");
        assertEquals(RetCode.Handling.LOOK_UP_ORDER, dup.handling());
        assertThrows(ProtocolException.class, () -> OrderRequest.Ack.of(dup));
    }
}
