package io.tatra.bybit.protocol;

import io.tatra.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WsControlTest {
    @Test
    void requestsHaveTheDocumentedShapeAndBadTopicsNeverLeave() {
        assertEquals("{\"req_id\":\"s1\",\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\",\"kline.5.BTCUSDT\",\"publicTrade.BTCUSDT\",\"tickers.BTCUSDT\"]}",
                WsControl.subscribe("s1", List.of("orderbook.50.BTCUSDT", "kline.5.BTCUSDT", "publicTrade.BTCUSDT", "tickers.BTCUSDT")));
        assertEquals("{\"req_id\":\"p\",\"op\":\"ping\"}", WsControl.ping("p"));
        var e = assertThrows(ProtocolException.class, () -> WsControl.subscribe("s2", List.of("kline.5.BTCUSDT", "orderbook.500.BTCUSDT")));
        assertEquals("error:handler not found,topic:orderbook.500.BTCUSDT", e.getMessage(), "Bybit's own text; the whole batch would fail");
        assertThrows(ProtocolException.class, () -> WsControl.checkTopic("kline.2.BTCUSDT"));
        assertThrows(ProtocolException.class, () -> WsControl.checkTopic("tickers.btcusdt"));
        assertEquals("order", WsControl.checkTopic("order"));
    }

    @Test
    void authSignsTheExpiryAsTheFactSheetSays() throws Exception {
        var o = Json.MAPPER.readTree(WsControl.auth(ProtocolTest.KEY, 1662350400000L));
        assertEquals("auth", o.get("op").asText());
        assertEquals(1662350400000L, o.get("args").get(1).asLong());
        assertEquals("06f9ae2e99920f9b2838bea70215b2b1f1e30ae7665078e97d0a8b76b47d1094", o.get("args").get(2).asText());
    }

    @Test
    void repliesAndPongsInBothShapesAreRecognised() throws Exception {
        var pub = WsControl.reply(Json.MAPPER.readTree("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"465772b1\",\"req_id\":\"\",\"op\":\"ping\"}"));
        assertTrue(pub.pong() && pub.success());
        var priv = WsControl.reply(Json.MAPPER.readTree("{\"req_id\":\"test\",\"op\":\"pong\",\"args\":[\"1675418560633\"],\"conn_id\":\"cfcb4ocsvfriu23r3er0-1b\"}"));
        assertTrue(priv.pong() && priv.success());
        var refused = WsControl.reply(Json.MAPPER.readTree("{\"success\":false,\"ret_msg\":\"error:already subscribed,topic:kline.1.BTCUSDT\",\"conn_id\":\"x\",\"req_id\":\"\",\"op\":\"subscribe\"}"));
        assertFalse(refused.success());
        assertTrue(refused.message().contains("already subscribed"));
        assertNull(WsControl.reply(Json.MAPPER.readTree(StreamTypesTest.KLINE.formatted("true"))), "a data frame is not a control reply");
        assertThrows(ProtocolException.class, () -> WsControl.reply(Json.MAPPER.readTree("{\"hello\":1}")));
    }
}
