package io.tatra.app;

import io.tatra.backtest.CostConfig;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.client.BybitStream;
import io.tatra.bybit.client.ClientConfig;
import io.tatra.bybit.client.StreamState;
import io.tatra.bybit.client.Transport;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.exchange.MarketClock;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.exchange.PaperOrder;
import io.tatra.live.ClosedBarFeed;
import io.tatra.live.KillSwitch;
import io.tatra.live.LatencyRecorder;
import io.tatra.live.LiveEngine;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskLimits;
import io.tatra.store.TatraStore;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The live path end to end on loopback: the paper exchange's kline stream → the client's stream state → the
 * closed-bar feed → the live engine and its strategy → signed REST orders → paper fills, bar after bar.
 */
class LivePaperTest {
    private static final ApiKey KEY = new ApiKey("LIVEPAPERKEY0001", "LIVEPAPERSECRET000000001");

    @TempDir
    Path dir;

    @Test
    void closedBarsFromTheStreamBecomeOrdersAtThePaperExchange() throws Exception {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, 400, Interval.H1, 13));
        Symbol sym = m.series().keySet().iterator().next();
        BarSeries bars = m.series(sym);
        Path home = dir.resolve("h");
        try (TatraStore st = TatraStore.open(home)) {
            st.candles().write(bars, false);
        }
        int start = 100;
        var req = new PaperExchangeService.Request(home, List.of(sym), Interval.H1, null, null, bars.openTime(start).plusSeconds(60), 0, 0, 10_000,
                CostConfig.bybitLinear(), List.of(KEY), null, null, 1);
        try (PaperExchangeServer server = PaperExchangeService.start(req)) {
            MarketClock.Manual clock = (MarketClock.Manual) server.venue().clock();
            ClientConfig cfg = new ClientConfig(URI.create(server.url()), KEY, 5000, Duration.ofSeconds(5), 3, 10);
            BybitRestClient rest = new BybitRestClient(cfg, Transport.http(cfg.timeout(), 1 << 24), System::currentTimeMillis, ms -> Thread.sleep(Math.min(ms, 1100))); // real back-off: the paper exchange enforces 10 orders/s
            Instrument in = server.venue().instruments().get(0);
            // flips between long and short a fifth of the equity every bar: every bar is an order
            Strategy flip = (h, i, view) -> List.of(new TargetOrder(sym, ((h.openTimeMillis(i) / 3_600_000L) % 2 == 0) ? 0.2 : -0.2, 0.05, 0.05, "flip-" + h.openTimeMillis(i)));
            List<String> log = new CopyOnWriteArrayList<>();
            LiveEngine engine = new LiveEngine(new LiveEngine.Config(Interval.H1, 200, false, RiskLimits.defaults()), flip, new BybitLiveVenue(rest, List.of(sym.value())),
                    Map.of(sym, in), new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), new LatencyRecorder(),
                    (kind, s, t, detail) -> log.add(kind + " " + detail), System::nanoTime);
            ClosedBarFeed feed = new ClosedBarFeed(sym.value(), Interval.H1, bars.openTimeMillis(start - 1), BybitLiveVenue.history(rest),
                    k -> engine.onClosedBar(sym, k, System.nanoTime()));
            StreamState state = new StreamState().onClosedBar(feed::onClosed);
            try (BybitStream stream = BybitStream.open(BybitStream.Config.of(URI.create(server.publicStream()), null), state)) {
                stream.subscribe(List.of(BybitLiveVenue.klineTopic(sym.value(), Interval.H1)));
                for (int i = 0; i < 200 && stream.acks() < 1; i++) Thread.sleep(10);
                for (int b = start; b < start + 20; b++) {
                    clock.set(bars.openTimeMillis(b + 1) + 1_000);
                    server.venue().sync();
                }
                // the engine runs on the stream's thread: wait until the 20th bar's order is acknowledged
                for (int i = 0; i < 1000 && log.stream().filter(l -> l.startsWith("sent")).count() < 20; i++) Thread.sleep(10);
            }
            assertEquals(20, feed.delivered(), "every closed bar reached the engine once");
            List<PaperOrder> orders = server.venue().orders(sym.value(), null, null, false);
            assertEquals(20, orders.size(), "one order per bar: " + log);
            assertTrue(orders.stream().allMatch(o -> o.status() == PaperOrder.Status.Filled), "all filled");
            assertEquals(20, log.stream().filter(l -> l.startsWith("sent")).count());
            double held = server.venue().positions(sym.value()).get(0).quantity();
            assertNotEquals(0, held, "a position is open after the last flip");
            // a stop moved at the venue is what the next state read says: the account view checks bars against it
            BybitLiveVenue venue = new BybitLiveVenue(rest, List.of(sym.value()));
            venue.state();
            double stop = venue.holding(sym.value()).stopLoss(), close = bars.close(start + 19);
            BigDecimal moved = BigDecimal.valueOf((stop + close) / 2).divide(in.tickSize(), 0, java.math.RoundingMode.HALF_UP).multiply(in.tickSize());
            venue.moveStop(sym.value(), moved);
            venue.state();
            assertEquals(moved.doubleValue(), venue.holding(sym.value()).stopLoss(), 1e-9, "the moved stop, from a state read");
        }
    }
}
