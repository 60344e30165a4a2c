package io.tatra.bybit.client;

import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.exchange.FaultPlan;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A session that meets every error path the client has (bad signature, unknown key, rate limits, server errors, lost
 * answers, dropped and refused streams) never writes the key or the secret: not in a log line, not in an exception
 * message, not in a stream error, not in a key's toString.
 */
class SecretHygieneTest {
    @Test
    void noLogLineOrErrorCarriesTheKeyOrTheSecret() throws Exception {
        List<String> seen = new ArrayList<>();
        Logger root = Logger.getLogger("");
        Handler capture = new Handler() {
            private final SimpleFormatter f = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                synchronized (seen) {
                    seen.add(f.format(r));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(Level.ALL);
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withRateLimitShare(0.3).withServerErrorShare(0.2).withLoseOrderResponses(2).withDropSocketSeconds(1).withSeed(4))) {
            ApiKey good = PaperMarket.KEY, wrongSecret = new ApiKey(good.key(), "WRONGWRONGWRONGWRONGWRONG01"), unknown = new ApiKey("UNKNOWNKEY000001", good.secret());
            seen.add(good.toString());
            for (ApiKey k : List.of(good, wrongSecret, unknown)) {
                ClientConfig cfg = new ClientConfig(URI.create(m.server.url()), k, 5000, Duration.ofSeconds(5), 6, 1);
                BybitTrading t = new BybitTrading(new BybitRestClient(cfg, Transport.http(cfg.timeout(), 1 << 20), System::currentTimeMillis, ms -> {}));
                for (int i = 0; i < 4; i++) {
                    try {
                        t.place(new OrderRequest("BTCUSDT", OrderRequest.Side.Buy, OrderRequest.Type.Market, new BigDecimal("0.01"), null, null,
                                OrderLinkId.of(k.key() + i, 0), false, null, null));
                        t.wallet();
                    } catch (BybitException e) {
                        seen.add(e.getMessage());
                    }
                }
                StreamState state = new StreamState();
                try (BybitStream s = BybitStream.open(BybitStream.Config.of(URI.create(m.server.privateStream()), k).withReconnect(Duration.ofMillis(50), Duration.ofMillis(200)), state)) {
                    s.subscribe(List.of("order", "execution"));
                    Thread.sleep(1500); // long enough for a cut connection and a reconnection
                    seen.add(String.valueOf(s.lastError()));
                }
            }
            assertTrue(seen.stream().anyMatch(l -> l.contains("reconnected")), "the session did reconnect (and logged it)");
            assertTrue(seen.stream().anyMatch(l -> l.contains("10004")), "a bad signature was met");
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
        ApiKey k = PaperMarket.KEY;
        for (String line : seen) {
            assertFalse(line.contains(k.secret()), "the secret leaked: " + line);
            assertFalse(line.contains(k.key()), "the key leaked: " + line);
            assertFalse(line.contains("WRONGWRONGWRONG"), "a secret leaked: " + line);
        }
    }
}
