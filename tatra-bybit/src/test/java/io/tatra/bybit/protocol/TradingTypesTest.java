package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The trading, account and private-stream types against fixtures in Bybit's documented shapes (fact sheet §4, §5.4). */
class TradingTypesTest {
    @Test
    void openOrderWithPartialFill() throws Exception {
        List<OrderInfo> orders = OrderInfo.page(Envelope.parse(ProtocolTest.fixture("order-realtime.json")));
        OrderInfo o = orders.get(0);
        assertEquals("t-6f1c0b2a", o.orderLinkId());
        assertEquals("PartiallyFilled", o.status());
        assertTrue(o.open());
        assertEquals(new BigDecimal("0.006"), o.cumExecQty());
        assertEquals(new BigDecimal("24990.50"), o.avgPrice());
        assertEquals(1684738540561L, o.updatedTime());
    }

    @Test
    void executionsIncludingAFundingSettlement() throws Exception {
        List<ExecutionInfo> e = ExecutionInfo.page(Envelope.parse(ProtocolTest.fixture("execution-list.json")));
        assertEquals(2, e.size());
        assertEquals("Trade", e.get(0).execType());
        assertEquals(new BigDecimal("1190.15"), e.get(0).price());
        assertEquals(new BigDecimal("0.071409"), e.get(0).fee());
        assertEquals("Funding", e.get(1).execType());
        assertEquals(new BigDecimal("-0.0119"), e.get(1).fee(), "a funding receipt is a negative fee");
    }

    @Test
    void walletTickersAndOpenInterest() throws Exception {
        WalletBalance w = WalletBalance.of(Envelope.parse(ProtocolTest.fixture("wallet-balance.json")));
        assertEquals(new BigDecimal("3.31216591"), w.totalEquity());
        assertEquals(new BigDecimal("3.00326056"), w.totalAvailableBalance());
        Ticker t = Ticker.page(Envelope.parse(ProtocolTest.fixture("tickers.json"))).get(0);
        assertEquals(new BigDecimal("-0.001212"), t.fundingRate());
        assertEquals(1760716800000L, t.nextFundingTime());
        assertEquals(new BigDecimal("373504107"), t.openInterest());
        assertTrue(t.bid1Price().compareTo(t.ask1Price()) < 0);
        OpenInterestPoint.Page oi = OpenInterestPoint.page(Envelope.parse(ProtocolTest.fixture("open-interest.json")));
        assertEquals(List.of(1669571100000L, 1669571400000L), oi.points().stream().map(OpenInterestPoint::time).toList(), "oldest first");
        assertEquals("lastid%3D19408935%26lasttime%3D1780617600", oi.nextCursor(), "the cursor exactly as given (it is signed as sent)");
    }

    @Test
    void privateStreamMessages() throws Exception {
        JsonNode all = Json.MAPPER.readTree(ProtocolTest.fixture("ws-private.json"));
        OrderInfo o = OrderInfo.list(all.get("order").get("data")).get(0);
        assertEquals("Filled", o.status());
        assertFalse(o.open());
        assertEquals(BigDecimal.ZERO, OrderInfo.optional(all.get("order").get("data").get(0), "leavesQty"), "\"\" reads as zero");
        ExecutionInfo e = ExecutionInfo.list(all.get("execution").get("data")).get(0);
        assertEquals(new BigDecimal("25"), e.qty());
        assertEquals("Sell", e.side());
        PositionInfo p = PositionInfo.list(all.get("position").get("data"), true).get(0);
        assertEquals("", p.side());
        assertEquals(0, p.signedQty().signum());
        assertNull(p.takeProfit(), "\"0\" is no take profit");
        assertEquals(new BigDecimal("-25.06579337"), p.cumRealisedPnl());
    }
}
