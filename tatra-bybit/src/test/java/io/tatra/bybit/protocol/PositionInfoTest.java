package io.tatra.bybit.protocol;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PositionInfoTest {
    @Test
    void positionsParseWithSignedQuantityAndUnsetLevelsAsNull() throws Exception {
        List<PositionInfo> p = PositionInfo.page(Envelope.parse(ProtocolTest.fixture("positions.json")));
        assertEquals(2, p.size());
        PositionInfo btc = p.get(0);
        assertEquals(new BigDecimal("-0.015"), btc.signedQty(), "a short is negative");
        assertEquals(new BigDecimal("65100.5"), btc.entryPrice());
        assertEquals(new BigDecimal("63000"), btc.takeProfit());
        assertNull(btc.stopLoss(), "\"0.00\" means no stop loss");
        PositionInfo eth = p.get(1);
        assertEquals(0, eth.signedQty().signum(), "a symbol asked for is listed even when flat");
        assertNull(eth.takeProfit());
    }

    @Test
    void inconsistentRowsAreRefused() {
        String row = "{\"retCode\":0,\"result\":{\"list\":[{\"positionIdx\":%d,\"symbol\":\"BTCUSDT\",\"side\":\"%s\",\"size\":\"%s\",\"avgPrice\":\"1\",\"markPrice\":\"1\","
                + "\"leverage\":\"1\",\"unrealisedPnl\":\"0\",\"cumRealisedPnl\":\"0\"}]}}";
        assertTrue(assertThrows(ProtocolException.class, () -> PositionInfo.page(Envelope.parse(row.formatted(0, "", "1")))).getMessage().contains("flat"));
        assertTrue(assertThrows(ProtocolException.class, () -> PositionInfo.page(Envelope.parse(row.formatted(1, "Buy", "1")))).getMessage().contains("one-way"));
        assertTrue(assertThrows(ProtocolException.class, () -> PositionInfo.page(Envelope.parse(row.formatted(0, "Long", "1")))).getMessage().contains("not Buy, Sell"));
        assertTrue(assertThrows(ProtocolException.class, () -> PositionInfo.page(Envelope.parse(row.formatted(0, "Buy", "-1")))).getMessage().contains("size"));
    }
}
