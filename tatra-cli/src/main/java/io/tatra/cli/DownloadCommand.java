package io.tatra.cli;

import io.tatra.app.ApiKeys;
import io.tatra.app.DownloadService;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.client.ClientConfig;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download candles (and funding rates, open interest) of linear perpetuals from Bybit v5 into the store.",
                "Resumable and idempotent: a second run continues after the last stored bar; an interrupted one loses nothing.",
                "Every page passes the importer's validator; a bad page is an error with its URL and row. Gaps the venue has are reported, never filled."})
final class DownloadCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--symbols", required = true, split = ",", converter = Converters.SymbolConverter.class, paramLabel = "SYMBOL", description = "e.g. BTCUSDT,ETHUSDT")
    List<Symbol> symbols;

    @Option(names = "--interval", required = true, converter = Converters.IntervalConverter.class, description = "1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d (Bybit has no 8h)")
    Interval interval;

    @Option(names = "--from", required = true, converter = Times.class, description = "First bar's open time (UTC; 2024-01-01 or 2024-01-01T08:00:00Z)")
    Instant from;

    @Option(names = "--to", converter = Times.class, description = "Stop before this open time (UTC). Default: the last closed bar")
    Instant to;

    @Option(names = "--funding", description = "Also download funding-rate history")
    boolean funding;

    @Option(names = "--open-interest", description = "Also download open interest (at the interval's resolution, else hourly)")
    boolean openInterest;

    @Option(names = "--venue", defaultValue = "bybit", description = "bybit, bybit-testnet or a base URL (e.g. a paper exchange: http://127.0.0.1:PORT). Default: bybit")
    String venue;

    @Override
    public Integer call() {
        URI base = UserValues.of("--venue", () -> ClientConfig.venue(venue));
        DownloadService.Request req = UserValues.of("--symbols/--from/--to", () -> new DownloadService.Request(common.home(), symbols, interval, from, to, funding, openInterest));
        ClientConfig cfg = ClientConfig.of(base, ApiKeys.load(null, System.getenv()));
        BybitRestClient client = BybitRestClient.of(cfg);
        Map<String, Progress> bars = new java.util.HashMap<>();
        List<DownloadService.Result> results = DownloadService.run(req, client,
                (label, done, total) -> bars.computeIfAbsent(label, l -> new Progress("download " + l, total, common.json)).update(done, null));
        if (common.json) {
            System.out.println(Json.write(results));
            return 0;
        }
        List<String> lines = new ArrayList<>();
        for (DownloadService.Result r : results) {
            lines.add(String.format(Locale.ROOT, "%s %s: %d bars %s .. %s, %d added%s%s; %d pages", r.symbol(), interval.code(), r.bars(), r.first(), r.last(), r.barsAdded(),
                    r.barsConflicting() > 0 ? ", " + r.barsConflicting() + " differ from the stored ones (kept the stored values)" : "",
                    r.venueGaps() > 0 ? ", " + r.venueGaps() + " bars missing at the venue (gaps kept, not filled)" : "", r.pages()));
            if (funding) lines.add(String.format(Locale.ROOT, "  funding: %d settlements, %d added", r.funding(), r.fundingAdded()));
            if (openInterest) lines.add(String.format(Locale.ROOT, "  open interest: %d points, %d added", r.openInterest(), r.openInterestAdded()));
        }
        lines.forEach(System.out::println);
        System.out.println("from " + base + " (" + client.retries() + " retries, " + client.backOffs() + " back-offs); store: " + common.home().resolve("tatra.duckdb"));
        return 0;
    }
}
