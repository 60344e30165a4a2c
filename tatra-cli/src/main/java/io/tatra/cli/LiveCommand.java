package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.AtomicWrite;
import io.tatra.TatraException;
import io.tatra.app.ApiKeys;
import io.tatra.app.LiveRequest;
import io.tatra.app.LiveService;
import io.tatra.app.PolicySpec;
import io.tatra.app.RetrainService;
import io.tatra.backtest.CostConfig;
import io.tatra.bybit.client.ClientConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.live.KillSwitch;
import io.tatra.live.LiveStatus;
import io.tatra.market.Symbol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Trade a saved model live: each closed bar from the venue's kline stream goes through the same strategy tatra backtest runs,",
                "the risk check and the kill switch, to a market order with its stop loss and take profit. Journals, the status file and the kill-switch",
                "file are in HOME/live. At start the venue's positions and open orders are reconciled with the last status; a difference stops the start",
                "unless --adopt-venue-state. `tatra live status` prints the status; `tatra live stop [--flatten]` trips the kill switch and ends the run."},
        subcommands = {LiveCommand.Status.class, LiveCommand.Stop.class})
final class LiveCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    TradingOptions trading;

    @Mixin
    RetrainOptions retrain;

    @Mixin
    PolicyOptions policy;

    @Option(names = "--venue", defaultValue = "paper",
            description = "paper (Tatra's paper exchange on 127.0.0.1:--port, started with `tatra exchange serve`), bybit-testnet, bybit, or the paper exchange's URL. Default: paper")
    String venue;

    @Option(names = "--port", description = "The paper exchange's port (--venue paper)")
    Integer port;

    @Option(names = "--model", paramLabel = "DIR", description = "A model saved by tatra train (its interval is the stream's); required")
    Path model;

    @Option(names = "--symbols", split = ",", converter = Converters.SymbolConverter.class, paramLabel = "SYMBOL", description = "Symbols to trade; required")
    List<Symbol> symbols;

    @Option(names = "--adopt-venue-state", description = "Trade from the venue's positions when they differ from the last status (after you found out why)")
    boolean adopt;

    @Option(names = "--key-file", paramLabel = "FILE", description = "key=… and secret=… lines (chmod 600) instead of BYBIT_API_KEY / BYBIT_API_SECRET")
    Path keyFile;

    @Option(names = "--pre-close-warm", negatable = true,
            description = "Keep a unified model's decision path warm from shortly before each expected bar until it arrives (default on; bars an hour apart otherwise meet cold caches; --warm-passes 0 turns it off too)")
    Boolean preCloseWarm;

    @Option(names = "--duration", defaultValue = "0", description = "End after this many seconds (0: until `tatra live stop` or Ctrl-C)")
    long duration;

    @Override
    public Integer call() throws InterruptedException {
        if (model == null || symbols == null) throw new TatraException("tatra live needs --model DIR and --symbols S1,S2 (or a command: status, stop)");
        if (duration < 0) throw new TatraException("--duration must be >= 0");
        trading.policy();
        Path dir = common.home().resolve("live");
        LiveService.refuseIfStopped(dir);
        URI rest, stream;
        switch (venue) {
            case "paper" -> {
                if (port == null) throw new TatraException("--venue paper needs --port (the port `tatra exchange serve` printed)");
                rest = URI.create("http://127.0.0.1:" + port);
                stream = URI.create("ws://127.0.0.1:" + port + "/v5/public/linear");
            }
            case "bybit" -> { rest = ClientConfig.BYBIT; stream = URI.create("wss://stream.bybit.com/v5/public/linear"); }
            case "bybit-testnet" -> { rest = ClientConfig.BYBIT_TESTNET; stream = URI.create("wss://stream-testnet.bybit.com/v5/public/linear"); }
            default -> {
                rest = UserValues.of("--venue", () -> ClientConfig.venue(venue));
                stream = URI.create((rest.getScheme().equals("https") ? "wss://" : "ws://") + rest.getAuthority() + "/v5/public/linear");
            }
        }
        ApiKey key = ApiKeys.load(keyFile, System.getenv());
        trading.configureTorch();
        RetrainService.Schedule schedule = retrain.schedule();
        var checked = UserValues.of("options", () -> new LiveRequest(dir, rest, stream, key, model, symbols, null, trading.dryRun, trading.limits(),
                PolicySpec.rule(trading.fusion()), trading.policy(), adopt, null, trading.warmPasses, preCloseWarm == null || preCloseWarm));
        // the options are checked before the model's card is read for the policy
        var req = checked.withDecisions(policy.spec(trading.fusion(), CostConfig.bybitLinear(), horizon(model), common.home(), null)).withHome(common.home());
        try (LiveService.Session s = LiveService.start(req, line -> System.err.println(line))) {
            if (schedule != null) s.retrainEvery(schedule.everyBars(), schedule.request(common.home(), model, symbols, 1), true);
            java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> { // Ctrl-C: the loop ends and the session closes its stream and journals
                stopping.set(true);
                try {
                    main.join(10_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("live on " + rest + (trading.dryRun ? " (dry run: nothing is sent)" : "") + ": " + symbols + "; journals, status and the STOP file in " + dir);
            System.out.flush();
            long end = duration > 0 ? System.nanoTime() + duration * 1_000_000_000L : Long.MAX_VALUE;
            long nextPoll = System.nanoTime();
            while (System.nanoTime() < end && !stopping.get()) {
                KillSwitch.Policy p = s.applyKillSwitch();
                if (p != null) {
                    System.out.println("kill switch (" + p.name().toLowerCase().replace('_', '-') + "): the engine stopped; remove " + dir.resolve("STOP") + " before trading again");
                    break;
                }
                if (System.nanoTime() >= nextPoll) {
                    s.poll(); // bars the stream lost come over REST
                    nextPoll = System.nanoTime() + 5_000_000_000L;
                }
                Thread.sleep(250);
            }
            System.out.println("handled " + s.handled() + " bars; orders sent " + s.engine().counts().sent() + "; status in " + dir.resolve("status.json"));
            var w = s.warming();
            if (w != null) System.out.printf("pre-close warming: %,d passes; %,d bars arrived while it ran, %,d expected bars were late%n", w.passes(), w.warmArrivals(), w.missedWindows());
        }
        var stored = io.tatra.app.JournalCopy.toStoreOrSay(common.home(), dir, line -> System.err.println(line));
        if (!stored.isEmpty()) System.out.println("journals copied to the store: " + io.tatra.app.JournalCopy.summary(stored));
        return 0;
    }

    /** The label horizon in the model's card (the cost-aware policy's default minimum holding time); 4 when it has none. */
    static int horizon(Path model) {
        var card = io.tatra.model.io.ModelStore.card(model);
        return card.labels() == null ? 4 : card.labels().horizon();
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The live engine's status file: bars, orders, kill switch, positions, latency per stage.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--dir", paramLabel = "DIR", description = "A session's folder (a tatra paper run's --out). Default: HOME/live")
        Path dir;

        @Override
        public Integer call() {
            Path file = (dir != null ? dir : common.home().resolve("live")).resolve("status.json");
            JsonNode n = LiveStatus.read(file);
            if (n == null) throw new TatraException("no live status in " + file.getParent() + ": `tatra live` has not run with this home");
            if (common.json) {
                System.out.println(n.toPrettyString());
                return 0;
            }
            System.out.println("status of " + file + " (written " + Instant.ofEpochMilli(file.toFile().lastModified()) + ")");
            for (String f : List.of("bars", "warm_up_bars", "orders_sent", "not_sent", "dry_run_orders", "errors", "kill_switch", "dry_run", "last_bar"))
                System.out.printf("  %-15s %s%n", f.replace('_', ' '), n.path(f).asText());
            System.out.println("  positions       " + (n.path("positions").isEmpty() ? "none" : n.path("positions").toString()));
            System.out.println("  latency (ms)        count      p50      p99    p99.9      max");
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> n.path("latency_ms").fields()) {
                JsonNode v = e.getValue();
                System.out.printf("  %-22s %6d %8.3f %8.3f %8.3f %8.3f%n", e.getKey(), v.path("count").asLong(), v.path("p50_ms").asDouble(), v.path("p99_ms").asDouble(),
                        v.path("p99_9_ms").asDouble(), v.path("max_ms").asDouble());
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Trip the running engine's kill switch (the file HOME/live/STOP): it stops opening positions and ends; with --flatten it first closes",
                    "every position at market. Remove the file to trade again."})
    static final class Stop implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--flatten", description = "Close every position at market before stopping")
        boolean flatten;

        @Override
        public Integer call() {
            Path dir = common.home().resolve("live");
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new TatraException("cannot create " + dir + ": " + e.getMessage());
            }
            AtomicWrite.text(dir.resolve("STOP"), (flatten ? "flatten" : "stop-opening") + " " + Instant.now() + "\n");
            System.out.println("kill switch tripped (" + (flatten ? "flatten" : "stop-opening") + "): " + dir.resolve("STOP"));
            return 0;
        }
    }
}
