package io.tatra.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tatra.TatraException;
import io.tatra.features.Feature;
import io.tatra.features.FeatureEngine;
import io.tatra.features.FeatureMatrix;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.TatraModel;
import io.tatra.model.eval.ModelPredictions;
import io.tatra.model.io.ModelStore;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Task;
import io.tatra.model.task.TaskKind;
import io.tatra.store.TatraStore;
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
        try (ModelStore.Loaded loaded = ModelStore.load(model, new FeatureEngine().schema().hash())) {
            Latest latest = latest(common.home(), loaded, symbol, to);
            TatraModel m = loaded.model();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("symbol", symbol.value());
            out.put("bar", latest.bar().toString());
            out.put("horizon_bars", loaded.card().labels().horizon());
            for (Task t : m.tasks()) {
                float[] raw = latest.raw().get(t.name());
                out.put(t.name(), t.kind() == TaskKind.CLASSES ? ModelPredictions.softmax(raw, raw.length) : t.kind().predict(raw[0], m.scale(t.name())));
            }
            if (common.json) System.out.println(Json.write(out));
            else print(out);
        }
        return 0;
    }

    /** Every head's raw output for the latest complete window of a symbol (as of {@code to}), and that window's last bar. */
    record Latest(Instant bar, Map<String, float[]> raw) {}

    static Latest latest(Path home, ModelStore.Loaded loaded, Symbol symbol, Instant to) {
        FeatureEngine engine = new FeatureEngine();
        Interval interval = Interval.parse(loaded.card().interval());
        FeatureMatrix fm;
        try (TatraStore store = TatraStore.open(home)) {
            fm = engine.compute(StoreFrames.load(store, symbol, interval, null, to));
        }
        int w = loaded.card().window(), last = fm.rows() - 1;
        if (last < 0 || fm.runIndex(last) < Feature.maxWarmup() + w - 1)
            throw new TatraException(symbol.value() + " " + interval.code() + ": the latest bars do not form a complete, gap-free window of " + w
                    + " bars after the " + Feature.maxWarmup() + "-bar warm-up (need " + (Feature.maxWarmup() + w) + " consecutive bars)");
        float[] x = new float[w * Feature.COUNT];
        for (int s = 0; s < w; s++) loaded.normalization().apply(fm.values(), (last - w + 1 + s) * Feature.COUNT, x, s * Feature.COUNT);
        TatraModel m = loaded.model();
        Map<String, float[]> raw = new LinkedHashMap<>();
        try (NDManager sub = m.manager().newSubManager()) {
            TatraModel.Forward fw = m.forward(sub.create(x, new Shape(1, w, Feature.COUNT)), false);
            for (Task t : m.tasks()) raw.put(t.name(), fw.outputs().get(t.name()).toFloatArray());
        }
        return new Latest(Instant.ofEpochMilli(fm.openTime(last)), raw);
    }

    private static void print(Map<String, Object> out) {
        System.out.printf("%s at %s, next %s bars%n", out.get("symbol"), out.get("bar"), out.get("horizon_bars"));
        out.forEach((k, v) -> {
            switch (k) {
                case "direction" -> System.out.println("Direction: " + classes(DIRECTION, new int[]{2, 0, 1}, (double[]) v));
                case "regime" -> System.out.println("Regime: " + classes(REGIME, new int[]{0, 1, 2}, (double[]) v));
                case "volatility" -> System.out.printf(Locale.ROOT, "Volatility: %.2f%% per bar%n", 100 * (double) v);
                case "return" -> System.out.printf(Locale.ROOT, "Return: %+.2f%%%n", 100 * (double) v);
                case "anomaly" -> System.out.printf(Locale.ROOT, "Anomaly (next bar beyond 3 sigma): %.0f%%%n", 100 * (double) v);
                case "win" -> System.out.printf(Locale.ROOT, "Win (take profit before stop): %.0f%%%n", 100 * (double) v);
                default -> { }
            }
        });
    }

    private static String classes(String[] names, int[] order, double[] p) {
        StringBuilder b = new StringBuilder();
        for (int i : order) b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%s %.0f%%", names[i], 100 * p[i]));
        return b.toString();
    }
}
