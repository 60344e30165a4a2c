package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.app.PpoTaskService;
import io.tatra.backtest.CostConfig;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.FusionConfig;
import io.tatra.market.Symbol;
import io.tatra.model.nn.Torch;
import io.tatra.ppo.PpoConfig;
import io.tatra.ppo.PpoTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "ppo", mixinStandardHelpOptions = true, description = {
        "Design document 003's PPO tasks against their baselines for a saved model: sizing (target position), exits (exit, partial exit, trailing stop",
        "of trades the cost-aware policy enters), risk (a risk multiplier on the cost-aware side, seeing drawdown, volatility and recent win rate) or",
        "portfolio (short/flat/long per symbol, seeing correlations and exposure). PPO trains on the model's forecasts from its validation part",
        "(or --train-from) up to --from; then PPO and the baselines run --from .. --to in the same environment, costs included. --save keeps the policy",
        "with its provenance."})
final class PpoCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--task", required = true, description = "sizing, exits, risk or portfolio") String task;
    @Option(names = "--side", defaultValue = "cost-aware", description = "The side exits manage and risk scales: cost-aware (default) or direction (the direction head's sign at every bar)") String side;
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model saved by tatra train (unified or LightGBM)") Path model;
    @Option(names = "--symbols", required = true, split = ",", converter = Converters.SymbolConverter.class, paramLabel = "SYMBOL") List<Symbol> symbols;
    @Option(names = "--from", required = true, converter = Times.class, description = "The test period's start; PPO trains on the bars before it") Instant from;
    @Option(names = "--to", converter = Times.class, description = "The test period's end (default: the last stored bar)") Instant to;
    @Option(names = "--train-from", converter = Times.class, description = "Start of PPO's training stretch (default: the model's validation part; never earlier)") Instant trainFrom;
    @Option(names = "--episode-bars", defaultValue = "24", description = "Bars per episode; for exits, the longest trade (default 24)") int episodeBars;
    @Option(names = "--iterations", defaultValue = "100", description = "PPO iterations of 512 steps (default 100)") int iterations;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads (default 1)") int threads;
    @Option(names = "--save", paramLabel = "DIR", description = "Save the trained policy and its provenance here") Path save;
    @Option(names = "--replace", description = "Replace an existing --save directory") boolean replace;
    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the comparison and PPO's learning curve here") Path out;

    @Override
    public Integer call() {
        if (threads < 1 || threads > 256) throw new TatraException("--threads must be 1..256, got " + threads);
        PpoTask t = UserValues.of("--task", () -> PpoTask.parse(task));
        PpoTaskService.Side sideRule = PpoTaskService.Side.parse(side);
        Torch.configure(threads, seed);
        if (out != null) io.tatra.AtomicWrite.checkTarget(out, false, io.tatra.AtomicWrite.Existing.REPLACE, "--out");
        int h = LiveCommand.horizon(model);
        PpoConfig ppo = UserValues.of("--iterations / --seed", () -> PpoConfig.defaults(seed).withIterations(iterations));
        var req = UserValues.of("options", () -> new PpoTaskService.Request(common.home(), model, symbols, t, sideRule, trainFrom, from, to, episodeBars, ppo,
                CostConfig.bybitLinear(), FusionConfig.defaults(), CostAwareConfig.defaults(h), save, replace, out));
        PpoTaskService.Result r = PpoTaskService.run(req, line -> { if (!common.json) System.err.println(line); });
        if (common.json) {
            System.out.println(Json.write(r));
            return 0;
        }
        System.out.printf(Locale.ROOT, "PPO %s: trained on %s (%d distinct episodes, %,d steps in %.1f s); test %s, %s%n", r.task(), r.train(), r.trainEpisodes(),
                r.trainSteps(), r.trainSeconds(), r.test(), r.symbols());
        System.out.printf(Locale.ROOT, "%-46s %9s %12s %12s %10s %10s %10s %8s%n", "rule", "episodes", "log return", "per episode", "fees", "slippage", "funding", "trades");
        for (PpoTaskService.Row row : r.rows())
            System.out.printf(Locale.ROOT, "%-46s %9d %+12.4f %+12.5f %10.2f %10.2f %10.2f %8d%n", row.rule(), row.episodes(), row.logReturn(), row.meanEpisodeLogReturn(),
                    row.fees(), row.slippage(), row.funding(), row.trades());
        System.out.println("(log returns sum every episode's; each starts with 10,000 USDT and closes its positions at its end" + (r.saved() == null ? ")" : "; policy saved in " + r.saved() + ")"));
        return 0;
    }
}
