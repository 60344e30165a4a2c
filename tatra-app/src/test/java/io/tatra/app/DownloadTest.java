package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.backtest.CostConfig;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.client.ClientConfig;
import io.tatra.bybit.client.Transport;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** `tatra download` from a paper exchange serving store A into store B reproduces A; an interrupted download resumes. */
class DownloadTest {
    private static final ApiKey KEY = new ApiKey("DOWNLOADKEY0001", "DOWNLOADSECRETDOWNLOADSECRET01");

    @TempDir
    Path dir;

    private List<Symbol> storeA(Path home) {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(2, 2600, Interval.H1, 9));
        try (TatraStore st = TatraStore.open(home)) {
            for (Symbol s : m.series().keySet()) {
                st.candles().write(m.series(s), false);
                st.funding().writeFunding(s, m.funding().get(s), false);
                st.openInterest().writeOpenInterest(s, m.openInterest().get(s), false);
            }
        }
        return m.series().keySet().stream().sorted().toList();
    }

    private PaperExchangeServer serve(Path a, List<Symbol> symbols, Instant end) {
        return PaperExchangeService.start(new PaperExchangeService.Request(a, symbols, Interval.H1, null, null, end, 0, 0, 10_000,
                CostConfig.bybitLinear(), List.of(KEY), null, null, 1));
    }

    private static BybitRestClient client(PaperExchangeServer server, Transport transport) {
        ClientConfig cfg = new ClientConfig(URI.create(server.url()), KEY, 5000, Duration.ofSeconds(5), 0, 1); // a key, as a user with BYBIT_API_KEY set has
        return new BybitRestClient(cfg, transport, System::currentTimeMillis, ms -> {});
    }

    @Test
    void aDownloadReproducesTheServedStoreAndAnInterruptedOneResumes() {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        List<Symbol> symbols = storeA(a);
        Instant first, end;
        try (TatraStore st = TatraStore.openExisting(a)) {
            BarSeries s = st.candles().read(symbols.get(0), Interval.H1, null, null);
            first = s.openTime(0);
            end = s.openTime(s.size() - 1).plus(Duration.ofMinutes(30)); // the replay stands in the last bar: it is the forming one
        }
        try (PaperExchangeServer server = serve(a, symbols, end)) {
            Transport http = Transport.http(Duration.ofSeconds(5), 1 << 24);
            AtomicInteger klinePages = new AtomicInteger();
            Transport failing = (method, uri, headers, body) -> {
                // the 3rd kline request with a start: the earliest-bar probe, page 1, then page 2 fails
                if (uri.getPath().endsWith("/kline") && uri.getQuery().contains("start=") && klinePages.incrementAndGet() == 3) throw new IOException("connection reset (simulated)");
                return http.send(method, uri, headers, body);
            };
            DownloadService.Request req = new DownloadService.Request(b, symbols, Interval.H1, first, null, true, true);
            TatraException cut = assertThrows(TatraException.class, () -> DownloadService.run(req, client(server, failing), (l, d, t) -> {}));
            assertTrue(cut.getMessage().contains("run again to continue") && cut.getMessage().contains("1000 bars stored so far"), cut.getMessage());
            List<DownloadService.Result> done = DownloadService.run(req, client(server, http), (l, d, t) -> {});
            assertEquals(2599 - 1000, done.get(0).bars(), "the second run starts after the 1,000 bars the first one stored");
            assertEquals(0, done.get(0).venueGaps());
            List<DownloadService.Result> again = DownloadService.run(req, client(server, http), (l, d, t) -> {});
            assertEquals(0, again.get(0).barsAdded(), "a third run finds nothing new");
            var early = DownloadService.run(new DownloadService.Request(b, symbols, Interval.H1, first.minus(Duration.ofDays(400)), null, false, false),
                    client(server, http), (l, d, t) -> {});
            assertEquals(0, early.get(0).venueGaps(), "the months before the first bar are not the venue's gaps");
            assertEquals(0, early.get(0).pages(), "from the venue's earliest bar the store already holds everything");
            assertEquals(0, early.get(0).barsAdded());
        }
        try (var files = java.nio.file.Files.walk(b)) { // nothing the download wrote holds the key or the secret
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String bytes = new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(KEY.key()) || bytes.contains(KEY.secret()), f + " holds the API key or secret");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (TatraStore sa = TatraStore.openExisting(a); TatraStore sb = TatraStore.openExisting(b)) {
            for (Symbol s : symbols) {
                BarSeries x = sa.candles().read(s, Interval.H1, null, end.minus(Duration.ofMinutes(30))), y = sb.candles().read(s, Interval.H1, null, null);
                assertEquals(2599, y.size(), "every closed bar, no gap, no duplicate");
                assertArrayEquals(x.openTimeArray(), y.openTimeArray());
                assertArrayEquals(x.openArray(), y.openArray());
                assertArrayEquals(x.highArray(), y.highArray());
                assertArrayEquals(x.lowArray(), y.lowArray());
                assertArrayEquals(x.closeArray(), y.closeArray(), "exactly: the paper exchange serves stored values unrounded");
                assertArrayEquals(x.volumeArray(), y.volumeArray());
                Instant forming = end.minus(Duration.ofMinutes(30));
                var fA = sa.funding().funding(s, first, forming);
                var fB = sb.funding().funding(s, null, null);
                assertEquals(fA.size(), fB.size(), "funding points");
                assertTrue(fA.equals(fB), "funding exactly");
                var oiA = sa.openInterest().openInterest(s, first, forming);
                var oiB = sb.openInterest().openInterest(s, null, null);
                assertEquals(oiA.size(), oiB.size(), "open interest points");
                assertTrue(oiA.equals(oiB), "open interest exactly");
                assertFalse(oiA.isEmpty());
            }
        }
    }

    @Test
    void openInterestComesAtTheBarsResolutionOrTheFinestCoarserOneBybitHas() {
        assertEquals("5min", DownloadService.openInterestResolution(io.tatra.market.Interval.M1), "Bybit has no 1-minute open interest");
        assertEquals("5min", DownloadService.openInterestResolution(io.tatra.market.Interval.M5));
        assertEquals("15min", DownloadService.openInterestResolution(io.tatra.market.Interval.M15));
        assertEquals("1h", DownloadService.openInterestResolution(io.tatra.market.Interval.H1));
        assertEquals("4h", DownloadService.openInterestResolution(io.tatra.market.Interval.H4));
    }
}
