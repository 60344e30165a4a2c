package io.tatra.bybit.client;

import io.tatra.backtest.CostConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.exchange.BookModel;
import io.tatra.exchange.FaultPlan;
import io.tatra.exchange.MarketClock;
import io.tatra.exchange.PaperConfig;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.exchange.PaperVenue;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.Interval;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A paper exchange on loopback over a seeded hourly random walk (500 bars, funding every 8 h, hourly open interest), for client tests. */
final class PaperMarket implements AutoCloseable {
    static final ApiKey KEY = new ApiKey("PAPERKEY0000000001", "PAPERSECRETPAPERSECRETPAPERSECRET001");
    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;

    final BarSeries bars;
    final MarketFrame frame;
    final MarketClock.Manual clock;
    final PaperVenue venue;
    final PaperExchangeServer server;

    PaperMarket(FaultPlan faults) {
        this(faults, 300);
    }

    PaperMarket(FaultPlan faults, int startBar) {
        Random r = new Random(7);
        BarSeries.Builder b = BarSeries.builder(Symbol.of("BTCUSDT"), Interval.H1);
        List<FundingRate> funding = new ArrayList<>();
        List<OpenInterest> oi = new ArrayList<>();
        double p = 40_000;
        for (int i = 0; i < 500; i++) {
            double o = p, c = o * Math.exp(r.nextGaussian() * 0.01);
            double h = Math.max(o, c) * (1 + Math.abs(r.nextGaussian()) * 0.003), l = Math.min(o, c) * (1 - Math.abs(r.nextGaussian()) * 0.003);
            long t = T0 + i * HOUR;
            b.add(t, round(o), round(h), round(l), round(c), 50 + r.nextInt(100));
            if (i % 8 == 0) funding.add(new FundingRate(Symbol.of("BTCUSDT"), Instant.ofEpochMilli(t), (r.nextInt(21) - 5) * 1e-5));
            oi.add(new OpenInterest(Symbol.of("BTCUSDT"), Instant.ofEpochMilli(t), 50_000 + r.nextInt(1000)));
            p = c;
        }
        bars = b.build();
        frame = new MarketFrame(bars, funding, oi, List.of());
        Instrument btc = new Instrument("BTCUSDT", "Trading", new BigDecimal("0.1"), new BigDecimal("0.001"), new BigDecimal("0.001"),
                new BigDecimal("100"), new BigDecimal("50"), new BigDecimal("5"), new BigDecimal("100"), 480);
        clock = new MarketClock.Manual(T0 + startBar * HOUR + 60_000);
        venue = new PaperVenue(new PaperConfig(List.of(btc), 100_000, CostConfig.bybitLinear(), BookModel.defaults(), List.of(KEY), 3, 10_000), List.of(frame), clock);
        server = PaperExchangeServer.start(venue, faults, 0);
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }

    ClientConfig config() {
        return new ClientConfig(URI.create(server.url()), KEY, 5000, Duration.ofSeconds(5), 4, 1);
    }

    BybitRestClient client() { return client(config()); }

    BybitRestClient client(ClientConfig cfg) {
        return new BybitRestClient(cfg, Transport.http(cfg.timeout(), 1 << 24), System::currentTimeMillis, ms -> Thread.sleep(Math.min(ms, 50)));
    }

    /** Index of the bar trading now. */
    int current() { return (int) ((clock.now() - T0) / HOUR); }

    @Override
    public void close() { server.close(); }
}
