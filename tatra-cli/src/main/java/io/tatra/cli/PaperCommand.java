package io.tatra.cli;

import io.tatra.app.PolicySpec;

import io.tatra.TatraException;
import io.tatra.app.PaperService;
import io.tatra.backtest.CostConfig;
import io.tatra.market.Symbol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"The live path on stored history, in one command: Tatra's paper exchange replays the period over loopback (Bybit v5 REST and",
                "WebSocket) and the live engine trades the model against it, as `tatra live` would against Bybit. The engine warms up on the",
                "period's first bars, as `tatra backtest` over the same period does, and their decisions agree (LiveParityTest).",
                "Writes orders.jsonl, decisions.jsonl, events.jsonl, executions.jsonl, status.json (latency per stage) and paper.json to --out."})
final class PaperCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions policy;

    @Mixin
    CommonOptions common;

    @Mixin
    TradingOptions trading;

    @Mixin
    PeriodOptions period;

    @Mixin
    RetrainOptions retrain;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model saved by tatra train (its interval is the replay's)")
    Path model;

    @Option(names = "--symbols", required = true, split = ",", converter = Converters.SymbolConverter.class, paramLabel = "SYMBOL")
    List<Symbol> symbols;

    @Option(names = "--speed", defaultValue = "0",
            description = "0 (default): lock-step, the next bar as soon as the engine handled the last; N: N market seconds per second (3600x: an hour per second)")
    double speed;

    @Option(names = "--capital", defaultValue = "10000", description = "Starting USDT balance (default 10000)")
    double capital;

    @Option(names = "--faults", paramLabel = "FILE.json", description = "The paper exchange's fault plan (see tatra exchange serve --help)")
    Path faults;

    @Option(names = "--out", paramLabel = "DIR", description = "Default: HOME/paper/run-TIME")
    Path out;

    @Override
    public Integer call() {
        trading.configureTorch();
        Path dir = out != null ? out : common.home().resolve("paper").resolve("run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(java.time.Instant.now()));
        if (java.nio.file.Files.exists(dir.resolve("orders.jsonl"))) throw new TatraException(dir + " holds an earlier run's journals: give another --out");
        var checked = UserValues.of("options", () -> new PaperService.Request(common.home(), dir, model, symbols, period.from(), period.to(), speed, capital, CostConfig.bybitLinear(),
                faults, trading.limits(), PolicySpec.rule(trading.fusion()), trading.policy(), trading.dryRun, 1, retrain.schedule()));
        // the options are checked before the model's card is read for the policy
        var req = checked.withDecisions(policy.spec(trading.fusion(), CostConfig.bybitLinear(), LiveCommand.horizon(model), common.home(), null)).withWarmPasses(trading.warmPasses);
        PaperService.Result r = PaperService.run(req, line -> System.err.println(line));
        if (common.json) {
            System.out.println(Json.write(r));
            return 0;
        }
        Map<String, Double> lat = r.latencyMs().get("received_to_order_sent"), dec = r.latencyMs().get("received_to_decision");
        if (dec != null && dec.get("count") > 0)
            System.out.printf("closed bar received → decision ready: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms over %.0f bars%n", dec.get("p50_ms"), dec.get("p99_ms"),
                    dec.get("p99_9_ms"), dec.get("count"));
        System.out.printf("bars %d, orders sent %d (not sent %d), fills %d, errors %d%n", r.bars(), r.ordersSent(), r.notSent(), r.fills(), r.errors());
        double ret = r.endEquity() / r.startEquity() - 1;
        System.out.printf("equity %.2f → %.2f USDT (%+.2f %%), fees %.2f, funding %.2f; buy-and-hold over the same bars %+.2f %% (equal weights, no costs): the strategy %s%n",
                r.startEquity(), r.endEquity(), 100 * ret, r.feesPaid(), r.fundingPaid(), 100 * r.buyAndHold(), ret >= r.buyAndHold() ? "beat it" : "lost to it");
        if (lat != null && lat.get("count") > 0)
            System.out.printf("closed bar received → order sent: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms over %.0f orders%n", lat.get("p50_ms"), lat.get("p99_ms"),
                    lat.get("p99_9_ms"), lat.get("count"));
        Map<String, Double> out = r.latencyMs().get("received_to_request_out");
        if (out != null && out.get("count") > 0)
            System.out.printf("  … → the order's request handed to the HTTP client (signed): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n", out.get("p50_ms"), out.get("p99_ms"), out.get("p99_9_ms"));
        if (lat != null && lat.get("count") > 0) System.out.println("  by how the bar knew the account: " + byAccount(r.latencyMs()));
        Map<String, Double> ref = r.referenceMs();
        if (ref != null)
            System.out.printf("reference, same process after the run: the decision's compute alone (forecast and fusion of the last window, %,.0f times back to back, each computed in full) p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n",
                    ref.get("count"), ref.get("p50_ms"), ref.get("p99_ms"), ref.get("p99_9_ms"));
        System.out.println(r.differences().isEmpty() ? "positions reconcile with the exchange" : "DIFFERENCES with the exchange: " + r.differences());
        if (!trading.dryRun)
            System.out.println(r.orderAudit().values().stream().allMatch(List::isEmpty) ? "orders: none lost, none duplicated, none unknown to the journal, none unsettled"
                    : "ORDER PROBLEMS: " + r.orderAudit());
        System.out.printf("stream reconnections %d, bars fetched over REST %d; open interest from the ticker stream on %d bars, over REST on %d; "
                        + "funding settlements from the ticker stream %d, over REST %d%n", r.reconnections(), r.barsBackfilled(), r.openInterestPushed(), r.openInterestRead(),
                r.fundingPushed(), r.fundingRead());
        System.out.printf("positions and equity: from the engine's account view on %d bars (%d of them a stop or take profit the private stream reported filled), "
                        + "read from the exchange at the bar's start on %d%s; funding settlements taken from the private stream %d%n", r.account().fromView(),
                r.account().settledByStream(), r.account().readTotal(),
                r.account().read().isEmpty() ? "" : " " + new java.util.TreeMap<>(r.account().read()).toString().toLowerCase(java.util.Locale.ROOT), r.account().fundingFromStream());
        System.out.printf("order books: %d recorded at the closes, %d closes (warm-up included) without a known book, %d resynced after a gap%n",
                r.booksRecorded(), r.closesWithoutBook(), r.bookResyncs());
        System.out.println("journals: " + dir.resolve("decisions.jsonl") + ", " + dir.resolve("snapshots.jsonl") + ", " + dir.resolve("orders.jsonl") + ", " + dir.resolve("events.jsonl")
                + ", " + dir.resolve("executions.jsonl") + ", " + dir.resolve("outcomes.jsonl") + ", " + dir.resolve(io.tatra.journal.BookRecord.FILE_NAME) + " (the order book at each close)");
        System.out.println("(a simulation: its journals stay out of the store, where tatra live keeps what really happened; `tatra import` copies them on purpose)");
        System.out.println("latency report: " + dir.resolve("status.json") + " (`tatra live status --dir " + dir + "`); summary: " + dir.resolve("paper.json"));
        return r.clean() ? 0 : 1;
    }

    /** Received → order sent per account source (view, stream, read): orders, p50 and p99; and the wait for reads. */
    static String byAccount(Map<String, Map<String, Double>> lat) {
        StringBuilder b = new StringBuilder();
        for (String k : List.of("view", "stream", "read")) {
            Map<String, Double> m = lat.get("order_sent_after_" + k);
            if (m == null || m.get("count") == 0) continue;
            if (b.length() > 0) b.append("; ");
            b.append(String.format(java.util.Locale.ROOT, "%s %.0f orders p50 %.2f / p99 %.2f ms", k.equals("stream") ? "settled by the private stream" : k.equals("read") ? "read from the exchange" : "from the view",
                    m.get("count"), m.get("p50_ms"), m.get("p99_ms")));
        }
        Map<String, Double> w = lat.get("account_wait");
        if (w != null && w.get("count") > 0) b.append(String.format(java.util.Locale.ROOT, "; waited for reads p50 %.2f / p99 %.2f ms", w.get("p50_ms"), w.get("p99_ms")));
        return b.length() == 0 ? "none" : b.toString();
    }
}
