package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.app.DecisionService;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.decision.TradeDecision;
import io.tatra.market.Symbol;
import io.tatra.model.nn.Torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "The fused trading decision for a symbol's latest bar: action, confidence, size, stop loss, take profit and the reasoning.")
final class DecideCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin PolicyOptions policy;

    @Option(names = "--model", required = true, paramLabel = "DIR") Path model;
    @Option(names = "--symbol", required = true, converter = Converters.SymbolConverter.class) Symbol symbol;
    @Option(names = "--to", converter = Times.class, description = "Decide as of this time (default: the latest stored bar)") Instant to;
    @Option(names = "--risk", defaultValue = "0.01", description = "Capital lost at the stop per trade (default 0.01 = 1 %%)") double risk;
    @Option(names = "--max-size", defaultValue = "1", description = "Leverage cap: largest position as a multiple of capital (default 1)") double maxSize;

    @Override
    public Integer call() {
        Torch.configure(1, 0);
        if (policy.ppoPolicy != null)
            throw new io.tatra.TatraException("--ppo-policy manages positions over a session (backtest, paper, live); tatra decide makes one decision from a flat book: leave it out");
        FusionConfig risks = UserValues.of("--risk / --max-size", () -> FusionConfig.defaults().withRiskPerTrade(risk).withMaxSize(maxSize));
        var card = io.tatra.model.io.ModelStore.card(model);
        int horizon = card.labels() == null ? 4 : card.labels().horizon();
        io.tatra.decision.FusionPolicy fusion = policy.spec(risks, io.tatra.backtest.CostConfig.bybitLinear(), horizon, common.home(), null)
                .fit(model, card, line -> System.err.println("tatra decide: " + line));
        try (DecisionService svc = new DecisionService(common.home(), model, fusion)) {
            if (!svc.canDecide())
                throw new TatraException("model " + model + " lacks a core head (has " + svc.taskNames()
                        + "); a decision needs direction, volatility, regime and return");
            DecisionService.Latest latest = svc.latest(symbol, to);
            TradeDecision dec = latest.decision();
            if (common.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("symbol", symbol.value());
                out.put("bar", latest.bar().toString());
                out.put("decision", dec);
                System.out.println(Json.write(out));
            } else print(dec, latest.bar());
        }
        return 0;
    }

    private void print(TradeDecision d, Instant bar) {
        String action = switch (d.action()) { case LONG -> "LONG (Buy)"; case SHORT -> "SHORT (Sell)"; case FLAT -> "FLAT (no trade)"; };
        int sign = d.action() == io.tatra.decision.Action.SHORT ? -1 : 1;
        System.out.printf(Locale.ROOT, "%s, decision after the bar opened %s%n", symbol.value(), bar);
        System.out.println("ACTION: " + action);
        System.out.printf(Locale.ROOT, "CONFIDENCE: %.0f%%%n", 100 * d.confidence());
        System.out.printf(Locale.ROOT, "SIZE: %.1f%% of capital%n", 100 * d.size());
        System.out.printf(Locale.ROOT, "STOP LOSS: %+.2f%%%n", -sign * 100 * d.stopLoss());
        System.out.printf(Locale.ROOT, "TAKE PROFIT: %+.2f%%%n", sign * 100 * d.takeProfit());
        System.out.println("REASONING: " + d.reasoning());
    }
}
