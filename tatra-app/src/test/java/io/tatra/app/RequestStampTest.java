package io.tatra.app;

import io.tatra.bybit.client.Transport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestStampTest {
    private static final URI CREATE = URI.create("http://127.0.0.1:1/v5/order/create"), POSITIONS = URI.create("http://127.0.0.1:1/v5/position/list?category=linear");

    @Test
    void stampsTheFirstOrderCreationSinceTheLastResetBeforeItGoesOut() throws Exception {
        RequestStamp stamp = new RequestStamp();
        List<Long> sentAt = new ArrayList<>();
        Transport t = stamp.wrap((m, uri, h, body) -> {
            sentAt.add(System.nanoTime());
            return new Transport.Reply(200, "{}", Map.of());
        });
        assertEquals(-1, stamp.first(), "nothing sent yet");
        t.send("GET", POSITIONS, Map.of(), "");
        assertEquals(-1, stamp.first(), "a read is not an order");
        t.send("POST", URI.create("http://127.0.0.1:1/v5/position/trading-stop"), Map.of(), "{}");
        assertEquals(-1, stamp.first(), "a stop move is not an order creation");
        long before = System.nanoTime();
        t.send("POST", CREATE, Map.of(), "{}");
        long first = stamp.first();
        assertTrue(first >= before && first <= sentAt.get(2), "stamped just before the transport sent it");
        t.send("POST", CREATE, Map.of(), "{}"); // the same order again after a lost answer
        assertEquals(first, stamp.first(), "a retry keeps the first attempt's stamp");
        stamp.reset();
        assertEquals(-1, stamp.first());
        t.send("POST", CREATE, Map.of(), "{}");
        assertTrue(stamp.first() > first, "the next order gets its own stamp");
    }
}
