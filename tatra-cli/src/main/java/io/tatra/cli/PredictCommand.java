package io.tatra.cli;

import io.tatra.app.DecisionService;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.decision.SequenceReadout;
import io.tatra.forecast.ForecastKind;
import io.tatra.forecast.TaskSpec;
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

@Command(name = "predict", mixinStandardHelpOptions = true, description = "Every head's prediction for the latest complete window of a symbol.")
final class PredictCommand implements Callable<Integer> {
    private static final String[] DIRECTION = {"Down", "Side", "Up"}, REGIME = {"Bull", "Bear", "Side"};

    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "DIR") Path model;

    @Option(names = "--symbol", required = true, converter = Converters.SymbolConverter.class) Symbol symbol;

    @Option(names = "--to", converter = Times.class, description = "Predict as of this time (default: the latest stored bar)") Instant to;

    @Override
    public Integer call() {
        Torch.configure(1, 0);
        try (DecisionService svc = new DecisionService(common.home(), model, new RuleBasedFusion(FusionConfig.defaults()))) {
            DecisionService.Latest latest = svc.latest(symbol, to);
            if (common.json) System.out.println(Json.write(fields(latest)));
            else System.out.print(text(fields(latest)));
        }
        return 0;
    }

    /** The demo's and the command's text for a latest forecast. */
    static String text(DecisionService.Latest latest) { return text(fields(latest)); }

    private static Map<String, Object> fields(DecisionService.Latest latest) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", latest.symbol().value());
        out.put("bar", latest.bar().toString());
        out.put("horizon_bars", latest.horizon());
        for (TaskSpec t : latest.forecast().tasks())
            out.put(t.name(), t.kind() == ForecastKind.CLASSES ? latest.forecast().values(t) : latest.forecast().value(t));
        out.put("readout", latest.readout());
        return out;
    }

    private static String text(Map<String, Object> out) {
        StringBuilder b = new StringBuilder(String.format("%s at %s, next %s bars%n", out.get("symbol"), out.get("bar"), out.get("horizon_bars")));
        out.forEach((k, v) -> {
            switch (k) {
                case "direction" -> b.append("Direction: ").append(classes(DIRECTION, new int[]{2, 0, 1}, (double[]) v)).append(System.lineSeparator());
                case "regime" -> b.append("Regime: ").append(classes(REGIME, new int[]{0, 1, 2}, (double[]) v)).append(System.lineSeparator());
                case "volatility" -> b.append(String.format(Locale.ROOT, "Volatility: %.2f%% per bar%n", 100 * (double) v));
                case "return" -> b.append(String.format(Locale.ROOT, "Return: %+.2f%%%n", 100 * (double) v));
                case "anomaly" -> b.append(String.format(Locale.ROOT, "Anomaly (next bar beyond 3 sigma): %.0f%%%n", 100 * (double) v));
                case "win" -> b.append(String.format(Locale.ROOT, "Win (take profit before stop): %.0f%%%n", 100 * (double) v));
                case "readout" -> b.append(readout((SequenceReadout) v, (int) out.get("horizon_bars")));
                default -> { }
            }
        });
        return b.toString();
    }

    /** Design document 003's LSTM outputs, by task (groups the model has no heads for are left out). */
    static String readout(SequenceReadout r, int h) {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder("Design document 003's outputs:").append(nl);
        if (r.entryTiming() != null) {
            var e = r.entryTiming();
            b.append(String.format(Locale.ROOT, "  entry timing: signal %s (confidence %.0f%%), expected movement %+.2f%%", side(e.entrySignal(), "long", "short", "none"),
                    100 * e.confidence(), 100 * e.expectedMovement()));
            if (!Double.isNaN(e.timeToTarget())) b.append(String.format(Locale.ROOT, ", time to target %.1f of %d bars", e.timeToTarget(), h));
            b.append(nl);
        }
        if (r.trend() != null) {
            var t = r.trend();
            b.append(String.format(Locale.ROOT, "  trend: %s (%.0f%%)", side(t.trendDirection(), "up", "down", "sideways"), 100 * t.directionProbability()));
            if (!Double.isNaN(t.trendStrength())) b.append(String.format(Locale.ROOT, ", strength |t| %.1f", t.trendStrength()));
            if (!Double.isNaN(t.reversalProbability())) b.append(String.format(Locale.ROOT, ", reversal within %d bars %.0f%%", h, 100 * t.reversalProbability()));
            b.append(nl);
        }
        if (r.volatility() != null) {
            var v = r.volatility();
            b.append(String.format(Locale.ROOT, "  volatility: %.2f%% per bar, risk score %s, stop-loss suggestion %.2f%% from the price%n", 100 * v.volatilityForecast(),
                    Double.isNaN(v.riskScore()) ? "n/a (no earlier windows)" : String.format(Locale.ROOT, "%.2f (its rank among the forecasts of up to %d windows before)",
                            v.riskScore(), DecisionService.REFERENCE_WINDOWS), 100 * v.stopLossSuggestion()));
        }
        if (r.pattern() != null) {
            var p = r.pattern();
            b.append(String.format(Locale.ROOT, "  pattern: %s (%.0f%%)", p.patternType().replace('_', ' '), 100 * p.patternConfidence()));
            if (!Double.isNaN(p.breakoutProbability())) b.append(String.format(Locale.ROOT, ", breakout within %d bars %.0f%%", h, 100 * p.breakoutProbability()));
            b.append(nl);
        }
        return b.toString();
    }

    private static String side(int s, String plus, String minus, String zero) { return s > 0 ? plus : s < 0 ? minus : zero; }

    private static String classes(String[] names, int[] order, double[] p) {
        StringBuilder b = new StringBuilder();
        for (int i : order) b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%s %.0f%%", names[i], 100 * p[i]));
        return b.toString();
    }
}
