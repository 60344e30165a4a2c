package io.tatra.model.eval;

import io.tatra.dataset.Dataset;
import io.tatra.decision.FusionPolicy;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.TradeDecision;
import io.tatra.market.Symbol;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import io.tatra.model.TatraModel;
import io.tatra.model.train.Samples;

import java.util.HashMap;
import java.util.Map;

/**
 * Batched inference turned into decisions: the model's four core heads on every window, fused per window into
 * one {@link TradeDecision} at that window's last bar. The result has one slot per bar of each symbol (null where
 * no window ends), the shape {@code SignalStrategy} replays.
 */
public final class ModelSignals {
    private ModelSignals() {}

    public static Map<Symbol, TradeDecision[]> decide(TatraModel model, Samples windows, int horizon, FusionPolicy fusion) {
        return decide(ModelPredictions.of(model, windows), windows, horizon, fusion);
    }

    /** Decisions from forecasts already made for these windows. */
    public static Map<Symbol, TradeDecision[]> decide(Forecasts p, Samples windows, int horizon, FusionPolicy fusion) {
        if (!p.hasAll(CoreTasks.ALL)) throw new IllegalArgumentException("decisions need the direction, volatility, regime and return heads");
        Map<Symbol, TradeDecision[]> out = new HashMap<>();
        for (int k = 0; k < windows.size(); k++) {
            Dataset.Sample s = windows.list().get(k);
            var bars = windows.symbols().get(s.symbol()).bars();
            TradeDecision[] slots = out.computeIfAbsent(bars.symbol(), x -> new TradeDecision[bars.size()]);
            slots[s.row()] = fusion.decide(p.window(k), horizon);
        }
        return out;
    }

    /** Each window's forecasts beside its labels (−1 / NaN where a label is unknown, e.g. the last bars). */
    public static java.util.List<io.tatra.metrics.WindowForecast> forecasts(Forecasts p, Samples windows) {
        java.util.List<io.tatra.metrics.WindowForecast> out = new java.util.ArrayList<>(windows.size());
        for (int k = 0; k < windows.size(); k++) {
            Dataset.Sample s = windows.list().get(k);
            var d = windows.symbols().get(s.symbol());
            var l = d.labels();
            int r = s.row();
            HeadOutputs o = outputs(p, k, 1);
            out.add(new io.tatra.metrics.WindowForecast(d.bars().openTimeMillis(r), d.bars().symbol().value(), o.direction(), o.volatility(), o.regime(),
                    o.ret(), l.direction()[r], l.regime()[r], l.forwardVolatility()[r], l.forwardReturn()[r]));
        }
        return out;
    }

    /** What a policy is fitted on: the heads' outputs on validation windows and their realized horizon log returns (NaN where unknown). */
    public record Validation(java.util.List<HeadOutputs> outputs, double[] realized) {}

    /** The heads' outputs on these (validation) windows beside each window's realized horizon return. */
    public static Validation validation(Forecasts p, Samples windows, int horizon) {
        java.util.List<HeadOutputs> out = new java.util.ArrayList<>(windows.size());
        double[] realized = new double[windows.size()];
        for (int k = 0; k < windows.size(); k++) {
            Dataset.Sample s = windows.list().get(k);
            out.add(outputs(p, k, horizon));
            realized[k] = windows.symbols().get(s.symbol()).labels().forwardReturn()[s.row()];
        }
        return new Validation(out, realized);
    }

    /** The heads' outputs of window {@code k}. */
    public static HeadOutputs outputs(Forecasts p, int k, int horizon) { return HeadOutputs.of(p.window(k), horizon); }
}
