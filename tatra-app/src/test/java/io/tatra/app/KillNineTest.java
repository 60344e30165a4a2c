package io.tatra.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.backtest.CostConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.exchange.MarketClock;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.exchange.PaperOrder;
import io.tatra.exchange.VenueListener;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * kill -9 between sending an order and receiving its answer: the engine runs as its own process; the paper exchange
 * kills it (SIGKILL) the moment the order reaches the venue, before the answer is written. A restart finds the order's
 * intent without an ack in its log, finds the order at the venue by its orderLinkId, adopts it and does not send it
 * again; its reconciliation (last status + adopted order vs the venue) is clean; it then trades the next bar.
 */
class KillNineTest {
    private static final ApiKey KEY = new ApiKey("KILLNINEKEY00001", "KILLNINESECRET0000000001");

    @TempDir
    Path dir;

    /** The engine process, with its stdout lines collected. */
    record Child(Process process, List<String> out) {
        boolean waitFor(String prefix, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                synchronized (out) {
                    if (out.stream().anyMatch(l -> l.startsWith(prefix))) return true;
                }
                if (!process.isAlive()) return false;
                Thread.sleep(10);
            }
            return false;
        }
    }

    private Child start(PaperExchangeServer server, Symbol sym, long lastBar) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KillNineChild.class.getName(), server.url(), server.publicStream(),
                KEY.key(), KEY.secret(), dir.resolve("live").toString(), sym.value(), Long.toString(lastBar)).redirectErrorStream(true);
        Process p = pb.start();
        List<String> out = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) out.add(line);
            } catch (java.io.IOException ignored) {
                // the process died
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Child(p, out);
    }

    @Test
    void aRestartAfterKillNineFindsTheOrderItWasSendingAndDoesNotSendItAgain() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("live"));
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, 300, Interval.H1, 5));
        Symbol sym = m.series().keySet().iterator().next();
        BarSeries bars = m.series(sym);
        Path home = dir.resolve("h");
        try (TatraStore st = TatraStore.open(home)) {
            st.candles().write(bars, false);
        }
        int start = 100;
        var req = new PaperExchangeService.Request(home, List.of(sym), Interval.H1, null, null, bars.openTime(start).plusSeconds(1), 0, 0, 10_000, CostConfig.bybitLinear(),
                List.of(KEY), null, null, 1);
        try (PaperExchangeServer server = PaperExchangeService.start(req)) {
            MarketClock.Manual clock = (MarketClock.Manual) server.venue().clock();
            AtomicReference<Child> victim = new AtomicReference<>();
            List<String> killedAt = new CopyOnWriteArrayList<>();
            server.venue().addListener(new VenueListener() {
                @Override
                public void onOrder(ObjectNode order) { // the order is at the venue; its answer is not written yet
                    Child c = victim.getAndSet(null);
                    if (c == null) return;
                    killedAt.add(order.path("orderLinkId").asText());
                    c.process().destroyForcibly(); // SIGKILL
                    try {
                        c.process().waitFor(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });

            Child first = start(server, sym, bars.openTimeMillis(start - 1));
            assertTrue(first.waitFor("ready", 60_000), "the first engine started: " + first.out());
            victim.set(first);
            clock.set(bars.openTimeMillis(start + 1) + 1_000); // bar `start` closes: the engine decides and sends
            server.venue().sync();
            assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "killed while its order was in flight");
            assertEquals(1, killedAt.size());
            String inFlight = OrderLinkId.of("k9-" + bars.openTimeMillis(start), 0).value();
            assertEquals(inFlight, killedAt.get(0));
            assertFalse(first.out().stream().anyMatch(l -> l.startsWith("event sent")), "the first life never saw the answer: " + first.out());

            Child second = start(server, sym, bars.openTimeMillis(start));
            try {
                assertTrue(second.waitFor("ready", 60_000), "the restarted engine started: " + second.out());
                assertTrue(second.out().stream().anyMatch(l -> l.startsWith("recovery adopted") && l.contains(inFlight)), "recovery adopted the order: " + second.out());
                assertTrue(second.out().contains("differences []"), "reconciliation is clean: " + second.out());
                clock.set(bars.openTimeMillis(start + 2) + 1_000); // the next bar: the engine trades on
                server.venue().sync();
                assertTrue(second.waitFor("event sent", 30_000), "the restarted engine trades the next bar: " + second.out());
            } finally {
                second.process().getOutputStream().close();
                if (!second.process().waitFor(20, TimeUnit.SECONDS)) second.process().destroyForcibly();
            }
            List<PaperOrder> orders = server.venue().orders(sym.value(), null, null, false);
            assertEquals(1, orders.stream().filter(o -> o.orderLinkId().equals(inFlight)).count(), "the in-flight order exists exactly once");
            assertEquals(2, orders.size(), "one order per bar, none sent twice: " + orders.stream().map(PaperOrder::orderLinkId).toList());
        }
    }
}
