package io.tatra.cli;

import io.tatra.AtomicWrite;
import io.tatra.app.ApiKeys;
import io.tatra.app.PaperExchangeService;
import io.tatra.backtest.CostConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "exchange", mixinStandardHelpOptions = true, description = "Tatra's local paper exchange, speaking Bybit v5.",
        subcommands = {ExchangeCommand.Serve.class})
final class ExchangeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve stored history as a Bybit v5 exchange on 127.0.0.1 (REST and WebSocket), replayed at --speed, with paper trading",
                    "filled by the backtest's own fee, slippage and fill models. Clients sign with BYBIT_API_KEY / BYBIT_API_SECRET (or --key-file),",
                    "values of your choosing: the exchange accepts the key it was started with."})
    static final class Serve implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--symbols", required = true, split = ",", converter = Converters.SymbolConverter.class, paramLabel = "SYMBOL", description = "Stored symbols to serve")
        List<Symbol> symbols;

        @Option(names = "--interval", required = true, converter = Converters.IntervalConverter.class, description = "Bar interval of the stored series")
        Interval interval;

        @Mixin
        PeriodOptions period;

        @Option(names = "--start", converter = Times.class, description = "Market time the replay starts at (UTC). Default: a quarter into the data")
        Instant start;

        @Option(names = "--speed", defaultValue = "3600", description = "Market seconds per wall second (3600: an hour per second; 0: the market stands still). Default: 3600")
        double speed;

        @Option(names = "--port", defaultValue = "0", description = "TCP port on 127.0.0.1 (0: any free port, printed). Default: 0")
        int port;

        @Option(names = "--port-file", paramLabel = "FILE", description = "Write the port here once listening (for scripts)")
        Path portFile;

        @Option(names = "--capital", defaultValue = "10000", description = "Starting USDT balance. Default: 10000")
        double capital;

        @Option(names = "--instruments", paramLabel = "FILE.json", description = "Trading rules per symbol (tick, step, limits); default: derived from the price level")
        Path instruments;

        @Option(names = "--faults", paramLabel = "FILE.json", description = "A fault plan: rateLimitShare, serverErrorShare, latencyMillis, loseOrderResponses, clockOffsetMillis, "
                + "dropSocketSeconds, duplicateShare, reorderShare, dropShare, bookGapEvery, seed")
        Path faults;

        @Option(names = "--key-file", paramLabel = "FILE", description = "key=… and secret=… lines (chmod 600) instead of BYBIT_API_KEY / BYBIT_API_SECRET")
        Path keyFile;

        @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds (0: until interrupted)")
        long duration;

        @Override
        public Integer call() throws InterruptedException {
            ApiKey key = ApiKeys.load(keyFile, System.getenv());
            PaperExchangeService.Request req = UserValues.of("options", () -> new PaperExchangeService.Request(common.home(), symbols, interval, period.from(), period.to(), start,
                    speed, port, capital, CostConfig.bybitLinear(), key == null ? List.of() : List.of(key), instruments, faults, 1));
            if (duration < 0) throw new io.tatra.TatraException("--duration must be >= 0");
            CountDownLatch stop = new CountDownLatch(1);
            try (PaperExchangeServer server = PaperExchangeService.start(req)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                if (portFile != null) AtomicWrite.text(portFile, server.port() + "\n");
                if (common.json) {
                    System.out.println(Json.write(Map.of("rest", server.url(), "public", server.publicStream(), "private", server.privateStream(), "port", server.port())));
                } else {
                    System.out.println("paper exchange on " + server.url() + "  (public " + server.publicStream() + ", private " + server.privateStream() + ")");
                    System.out.println("replaying " + symbols + " " + interval.code() + " from " + Instant.ofEpochMilli(server.venue().clock().now()) + " at " + speed
                            + "x; capital " + capital + " USDT; " + (duration > 0 ? "stops after " + duration + " s" : "Ctrl-C to stop"));
                }
                System.out.flush();
                if (duration > 0) stop.await(duration, TimeUnit.SECONDS);
                else stop.await();
                System.out.println("served " + server.requests() + " requests");
            }
            return 0;
        }
    }
}
