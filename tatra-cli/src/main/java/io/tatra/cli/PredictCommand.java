package io.tatra.cli;

import io.tatra.app.DecisionService;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.RuleBasedFusion;
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
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("symbol", symbol.value());
            out.put("bar", latest.bar().toString());
            out.put("horizon_bars", latest.horizon());
            for (TaskSpec t : latest.forecast().tasks())
                out.put(t.name(), t.kind() == ForecastKind.CLASSES ? latest.forecast().values(t) : latest.forecast().value(t));
            if (common.json) System.out.println(Json.write(out));
            else print(out);
        }
        return 0;
    }

    private static void print(Map<String, Object> out) { System.out.print(text(out)); }

    /** The demo's and the command's text for a latest forecast. */
    static String text(DecisionService.Latest latest) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", latest.symbol().value());
        out.put("bar", latest.bar().toString());
        out.put("horizon_bars", latest.horizon());
        for (TaskSpec t : latest.forecast().tasks())
            out.put(t.name(), t.kind() == ForecastKind.CLASSES ? latest.forecast().values(t) : latest.forecast().value(t));
        return text(out);
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
                default -> { }
            }
        });
        return b.toString();
    }

    private static String classes(String[] names, int[] order, double[] p) {
        StringBuilder b = new StringBuilder();
        for (int i : order) b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%s %.0f%%", names[i], 100 * p[i]));
        return b.toString();
    }
}
