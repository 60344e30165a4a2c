package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.decision.FusionConfig;
import io.tatra.live.KillSwitch;
import io.tatra.model.nn.Torch;
import io.tatra.risk.RiskLimits;
import picocli.CommandLine.Option;

/** What {@code tatra live} and {@code tatra paper} trade with: sizing, risk limits, the kill switch's policy, dry run. */
final class TradingOptions {
    @Option(names = "--risk", defaultValue = "0.01", description = "Capital lost at the stop per trade (default 0.01, as in tatra backtest)")
    double risk;

    @Option(names = "--max-size", defaultValue = "1", description = "Largest position in one symbol, a multiple of equity (default 1)")
    double maxSize;

    @Option(names = "--leverage", defaultValue = "1", description = "Largest gross exposure, a multiple of equity (default 1)")
    double leverage;

    @Option(names = "--kill-policy", defaultValue = "stop-opening",
            description = "What the kill switch does once tripped: stop-opening (keep positions and their stops, send only reducing orders) or flatten (close all at market). Default: stop-opening")
    String killPolicy;

    @Option(names = "--dry-run", description = "Decide and journal every bar, send nothing")
    boolean dryRun;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads (default 1: serving one window per bar)")
    int threads;

    @Option(names = "--warm-passes", defaultValue = "2000",
            description = "Bars of the warm-up history rehearsed through the whole decision and order path (a throw-away strategy and engine, an in-memory venue, scratch journals) before the first live bar, so that the first bars do not wait for the JIT (default 2000, 3-7 s with the default model; 0: none)")
    int warmPasses;

    RiskLimits limits() { return UserValues.of("--max-size / --leverage", () -> RiskLimits.leverage(Math.min(maxSize, leverage), leverage)); }

    FusionConfig fusion() { return UserValues.of("--risk", () -> FusionConfig.defaults().withRiskPerTrade(risk).withMaxSize(limits().maxPosition())); }

    KillSwitch.Policy policy() {
        return switch (killPolicy) {
            case "stop-opening" -> KillSwitch.Policy.STOP_OPENING;
            case "flatten" -> KillSwitch.Policy.FLATTEN;
            default -> throw new TatraException("--kill-policy must be stop-opening or flatten, got '" + killPolicy + "'");
        };
    }

    void configureTorch() {
        if (threads < 1 || threads > 256) throw new TatraException("--threads must be 1..256, got " + threads);
        Torch.configure(threads, 1);
    }
}
