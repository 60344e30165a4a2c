package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.app.DownloadService;
import io.tatra.app.PaperExchangeService;
import io.tatra.backtest.CostConfig;
import io.tatra.bybit.client.BybitMarket;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.client.BybitTrading;
import io.tatra.bybit.client.ClientConfig;
import io.tatra.bybit.client.StreamState;
import io.tatra.bybit.client.Transport;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Envelope;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tatra bench exchange}: the venue side measured on loopback, each against a reference taken in the same run:
 * an order's round trip (signed POST → matching → ack) against an unsigned {@code /v5/market/time} round trip;
 * stream frames parsed per second by {@link StreamState} against Jackson's bare {@code readTree} of the same frames;
 * download rows per second from a paper exchange into a fresh store.
 */
@Command(name = "exchange", mixinStandardHelpOptions = true,
        description = {"Paper exchange and client on loopback: order round trip p50/p99 (reference: /v5/market/time), stream frames parsed per second",
                "(reference: Jackson readTree), download rows per second. Medians over --runs after a warm-up."})
final class ExchangeBench implements Callable<Integer> {
    /** Bybit allows 10 orders a second per key and endpoint, which the paper exchange enforces: orders rotate over keys so that the limit does not dominate. */
    private static final List<ApiKey> KEYS = java.util.stream.IntStream.range(0, 400)
            .mapToObj(i -> new ApiKey(String.format("BENCHKEY%08d", i), String.format("BENCHSECRETBENCHSECRET%08d", i))).toList();

    @Mixin
    CommonOptions common;

    @Option(names = "--orders", defaultValue = "2000", description = "Orders per run (default 2000)")
    int orders;

    @Option(names = "--frames", defaultValue = "100000", description = "Stream frames per run (default 100000)")
    int frames;

    @Option(names = "--bars", defaultValue = "20000", description = "Bars served for the download (default 20000)")
    int bars;

    @Option(names = "--runs", defaultValue = "5")
    int runs;

    @Override
    public Integer call() throws IOException {
        if (orders < 10 || frames < 100 || bars < 2000 || runs < 1) throw new io.tatra.TatraException("--orders >= 10, --frames >= 100, --bars >= 2000, --runs >= 1");
        Path tmp = Files.createTempDirectory("tatra-bench-exchange");
        Map<String, Object> out = new LinkedHashMap<>();
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, bars, Interval.H1, 5));
        Symbol sym = m.series().keySet().iterator().next();
        BarSeries series = m.series(sym);
        Path a = tmp.resolve("a");
        try (TatraStore st = TatraStore.open(a)) {
            st.candles().write(series, false);
            st.funding().writeFunding(sym, m.funding().get(sym), false);
        }
        var req = new PaperExchangeService.Request(a, List.of(sym), Interval.H1, null, null, series.openTime(series.size() - 1).plusSeconds(60), 0, 0, 1e12,
                CostConfig.bybitLinear(), KEYS, null, null, 1);
        try (PaperExchangeServer server = PaperExchangeService.start(req)) {
            Transport http = Transport.http(Duration.ofSeconds(10), 1 << 26);
            List<BybitRestClient> clients = KEYS.stream().map(k -> new BybitRestClient(new ClientConfig(URI.create(server.url()), k, 5000, Duration.ofSeconds(10), 3, 50),
                    http, System::currentTimeMillis, Thread::sleep)).toList();
            roundTrips(clients, sym, server.venue().instruments().get(0).qtyStep(), series, out);
            download(server, sym, tmp, out);
        }
        parsing(sym, series, out);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("java", Runtime.version().toString());
        if (common.json) System.out.println(Json.write(out));
        return 0;
    }

    private void roundTrips(List<BybitRestClient> clients, Symbol sym, BigDecimal step, BarSeries series, Map<String, Object> out) {
        List<BybitTrading> traders = clients.stream().map(BybitTrading::new).toList();
        BybitMarket market = new BybitMarket(clients.get(0));
        for (BybitRestClient c : clients) c.syncClock(); // the first signed call of each key would otherwise measure the clock too
        // about 20 USDT an order, a whole number of steps
        BigDecimal qty = step.multiply(BigDecimal.valueOf(20 / series.close(series.size() - 1)).divide(step, 0, RoundingMode.CEILING)).stripTrailingZeros();
        List<double[]> orderRuns = new ArrayList<>(), timeRuns = new ArrayList<>();
        int n = 0;
        for (int r = -1; r < runs; r++) {
            long[] o = new long[orders], t = new long[orders];
            for (int i = 0; i < orders; i++) {
                long t0 = System.nanoTime();
                market.serverTime();
                long t1 = System.nanoTime();
                traders.get(n % traders.size()).place(new OrderRequest(sym.value(), i % 2 == 0 ? OrderRequest.Side.Buy : OrderRequest.Side.Sell, OrderRequest.Type.Market, qty, null, null,
                        OrderLinkId.of("bench-" + n++, 0), false, null, null));
                long t2 = System.nanoTime();
                t[i] = t1 - t0;
                o[i] = t2 - t1;
            }
            if (r < 0) continue;
            long backOffs = clients.stream().mapToLong(BybitRestClient::backOffs).sum();
            if (backOffs > 0) throw new IllegalStateException("rate-limit back-offs during the measurement: " + backOffs);
            orderRuns.add(percentiles(o));
            timeRuns.add(percentiles(t));
            double[] po = orderRuns.get(r), pt = timeRuns.get(r);
            if (!common.json) System.out.printf(Locale.ROOT, "run %d: order round trip p50 %.3f ms p99 %.3f ms p99.9 %.3f ms; /v5/market/time p50 %.3f ms p99 %.3f ms%n",
                    r + 1, po[0], po[1], po[2], pt[0], pt[1]);
        }
        double[] o = medianOf(orderRuns), t = medianOf(timeRuns);
        out.put("order_round_trip_ms", Map.of("p50", o[0], "p99", o[1], "p99_9", o[2]));
        out.put("server_time_round_trip_ms", Map.of("p50", t[0], "p99", t[1], "p99_9", t[2]));
        out.put("order_vs_time_p50_ratio", o[0] / t[0]);
        if (!common.json) System.out.printf(Locale.ROOT, "median of %d runs x %d orders: order round trip p50 %.3f ms, p99 %.3f ms (reference /v5/market/time p50 %.3f ms, p99 %.3f ms; ratio p50 %.2f)%n",
                runs, orders, o[0], o[1], t[0], t[1], o[0] / t[0]);
    }

    private void download(PaperExchangeServer server, Symbol sym, Path tmp, Map<String, Object> out) {
        double[] rate = new double[runs];
        for (int r = -1; r < runs; r++) {
            Path b = tmp.resolve("b" + r);
            ClientConfig cfg = new ClientConfig(URI.create(server.url()), null, 5000, Duration.ofSeconds(30), 3, 50);
            BybitRestClient client = new BybitRestClient(cfg, Transport.http(cfg.timeout(), 1 << 26), System::currentTimeMillis, Thread::sleep);
            long t0 = System.nanoTime();
            var res = DownloadService.run(new DownloadService.Request(b, List.of(sym), Interval.H1, java.time.Instant.parse("2000-01-01T00:00:00Z"), null, false, false),
                    client, (l, d, t) -> {});
            double s = (System.nanoTime() - t0) / 1e9;
            if (r < 0) continue;
            rate[r] = res.get(0).bars() / s;
            if (!common.json) System.out.printf(Locale.ROOT, "run %d: download %d bars in %d pages, %.0f rows/s%n", r + 1, res.get(0).bars(), res.get(0).pages(), rate[r]);
        }
        out.put("download_rows_per_s", median(rate));
        if (!common.json) System.out.printf(Locale.ROOT, "median download: %.0f rows/s (pages of 1,000 bars, validated and stored per page)%n", median(rate));
    }

    private void parsing(Symbol sym, BarSeries s, Map<String, Object> out) {
        List<String> texts = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            int k = i % s.size();
            texts.add(i % 2 == 0
                    ? "{\"topic\":\"kline.60." + sym.value() + "\",\"data\":[{\"start\":" + s.openTimeMillis(k) + ",\"end\":" + (s.openTimeMillis(k) + 3_599_999) + ",\"interval\":\"60\",\"open\":\""
                    + s.open(k) + "\",\"close\":\"" + s.close(k) + "\",\"high\":\"" + s.high(k) + "\",\"low\":\"" + s.low(k) + "\",\"volume\":\"" + s.volume(k) + "\",\"turnover\":\"1\",\"confirm\":true,\"timestamp\":1}],\"ts\":1,\"type\":\"snapshot\"}"
                    : "{\"topic\":\"orderbook.50." + sym.value() + "\",\"type\":\"" + (i == 1 ? "snapshot" : "delta") + "\",\"ts\":1,\"data\":{\"s\":\"" + sym.value() + "\",\"b\":[[\""
                    + s.close(k) * 0.999 + "\",\"1.5\"],[\"" + s.close(k) * 0.998 + "\",\"0\"]],\"a\":[[\"" + s.close(k) * 1.001 + "\",\"2\"]],\"u\":" + (i / 2 + 1) + ",\"seq\":" + i + "},\"cts\":1}");
        }
        double[] parsed = new double[runs], bare = new double[runs];
        for (int r = -1; r < runs; r++) {
            StreamState state = new StreamState();
            long t0 = System.nanoTime();
            for (String t : texts) state.onData(Envelope.tree(t));
            long t1 = System.nanoTime();
            long sink = 0;
            for (String t : texts) sink += readTree(t).size();
            long t2 = System.nanoTime();
            if (sink == 42) System.out.print("");
            if (r < 0) continue;
            parsed[r] = frames / ((t1 - t0) / 1e9);
            bare[r] = frames / ((t2 - t1) / 1e9);
            if (!common.json) System.out.printf(Locale.ROOT, "run %d: StreamState %,.0f frames/s; Jackson readTree alone %,.0f frames/s%n", r + 1, parsed[r], bare[r]);
        }
        out.put("stream_frames_per_s", median(parsed));
        out.put("jackson_read_tree_frames_per_s", median(bare));
        if (!common.json) System.out.printf(Locale.ROOT, "median: %,.0f frames/s parsed and applied (half klines, half book deltas); Jackson readTree alone %,.0f frames/s (ratio %.2f)%n",
                median(parsed), median(bare), median(parsed) / median(bare));
    }

    private static JsonNode readTree(String t) {
        try {
            return io.tatra.Json.MAPPER.readTree(t);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** p50, p99, p99.9 in milliseconds. */
    private static double[] percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new double[]{s[(int) (0.5 * (s.length - 1))] / 1e6, s[(int) (0.99 * (s.length - 1))] / 1e6, s[(int) (0.999 * (s.length - 1))] / 1e6};
    }

    private static double[] medianOf(List<double[]> runs) {
        double[] out = new double[runs.get(0).length];
        for (int j = 0; j < out.length; j++) {
            double[] col = new double[runs.size()];
            for (int r = 0; r < runs.size(); r++) col[r] = runs.get(r)[j];
            out[j] = median(col);
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
