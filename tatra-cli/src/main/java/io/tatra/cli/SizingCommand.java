package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.app.SizingService;
import io.tatra.backtest.CostConfig;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.FusionConfig;
import io.tatra.market.Symbol;
import io.tatra.model.nn.Torch;
import io.tatra.ppo.PpoConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "sizing", mixinStandardHelpOptions = true, description = {
        "Position sizing by PPO against the baselines for a saved model: PPO trains on the model's validation part (its forecasts and its position),",
        "then PPO, flat, long, the cost-aware side at full size, the rule-based fusion's size and half-Kelly trade the test period (--from .. --to)",
        "in consecutive episodes of the backtest's own session, costs included."})
final class SizingCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model saved by tatra train (unified or LightGBM)") Path model;
    @Option(names = "--symbols", required = true, split = ",", converter = Converters.SymbolConverter.class, paramLabel = "SYMBOL") List<Symbol> symbols;
    @Option(names = "--from", required = true, converter = Times.class, description = "The test period's start (after the model's validation part)") Instant from;
    @Option(names = "--to", converter = Times.class, description = "The test period's end (default: the last stored bar)") Instant to;
    @Option(names = "--episode-bars", defaultValue = "24", description = "Bars per episode (default 24)") int episodeBars;
    @Option(names = "--iterations", defaultValue = "100", description = "PPO iterations of 512 steps (default 100)") int iterations;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads (default 1)") int threads;
    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the comparison, the fitted edge and PPO's learning curve here") Path out;

    @Override
    public Integer call() {
        if (threads < 1 || threads > 256) throw new TatraException("--threads must be 1..256, got " + threads);
        Torch.configure(threads, seed);
        if (out != null) io.tatra.AtomicWrite.checkTarget(out, false, io.tatra.AtomicWrite.Existing.REPLACE, "--out");
        int h = LiveCommand.horizon(model);
        PpoConfig ppo = UserValues.of("--iterations / --seed", () -> PpoConfig.defaults(seed).withIterations(iterations));
        var req = UserValues.of("options", () -> new SizingService.Request(common.home(), model, symbols, from, to, episodeBars, ppo, CostConfig.bybitLinear(),
                FusionConfig.defaults(), CostAwareConfig.defaults(h), out));
        SizingService.Result r = SizingService.run(req, line -> { if (!common.json) System.err.println(line); });
        if (common.json) {
            System.out.println(Json.write(r));
            return 0;
        }
        System.out.printf(Locale.ROOT, "test %s, %s; PPO trained on %d validation episodes, %,d steps in %.1f s%n", r.test(), r.symbols(), r.trainEpisodes(), r.trainSteps(), r.trainSeconds());
        System.out.printf(Locale.ROOT, "%-36s %9s %12s %10s %10s %10s %8s%n", "sizing", "episodes", "log return", "fees", "slippage", "funding", "trades");
        for (SizingService.Row row : r.rows())
            System.out.printf(Locale.ROOT, "%-36s %9d %+12.4f %10.2f %10.2f %10.2f %8d%n", row.rule(), row.episodes(), row.logReturn(), row.fees(), row.slippage(), row.funding(), row.trades());
        System.out.println("(the log return sums every episode's; each episode starts with 10,000 USDT and closes its position at its end)");
        return 0;
    }
}
