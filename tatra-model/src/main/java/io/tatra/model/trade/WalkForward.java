package io.tatra.model.trade;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.dataset.Span;
import io.tatra.decision.DecisionPolicy;
import io.tatra.decision.EdgeModel;
import io.tatra.decision.FusionPolicy;
import io.tatra.decision.TradeDecision;
import io.tatra.market.Symbol;
import io.tatra.model.workflow.Workflows;
import io.tatra.model.eval.ModelSignals;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Samples;
import io.tatra.model.train.TrainConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Walk-forward decisions: for every fold of the dataset (e.g. {@code Splitter.rolling}), a fresh unified model is
 * trained on the fold's training part (normalization and target scales fitted there, early stopping on its
 * validation part) and decides on the fold's test part only. The test blocks' decisions are stitched into one
 * slot per bar, ready for one backtest over the whole period.
 */
public final class WalkForward {
    private WalkForward() {}

    /** What one fold trained on and decided over. */
    /** @param edge the cost-aware policy's edge model fitted on this fold's validation part (null for other policies) */
    public record FoldRun(String fold, List<Span> train, List<Span> validation, List<Span> test, int trainWindows, int testWindows,
                          int bestEpoch, double seconds, EdgeModel edge, Double entryLevel) {}

    public record Result(Map<Symbol, TradeDecision[]> decisions, List<FoldRun> folds, List<io.tatra.metrics.WindowForecast> forecasts) {}

    public static Result run(Dataset ds, ModelConfig mc, TrainConfig tc, DecisionPolicy policy, Consumer<String> log) {
        Map<Symbol, TradeDecision[]> stitched = new HashMap<>();
        List<FoldRun> runs = new java.util.ArrayList<>();
        List<io.tatra.metrics.WindowForecast> forecasts = new java.util.ArrayList<>();
        int h = ds.config().labels().horizon();
        io.tatra.Eta eta = new io.tatra.Eta(ds.folds().size());
        for (int k = 0; k < ds.folds().size(); k++) {
            Fold f = ds.folds().get(k);
            if (k > 0) log.accept("walk-forward: " + eta.at(k, "folds"));
            log.accept("walk-forward " + f.name() + ": train " + f.train() + ", test " + f.test());
            Samples test = Samples.of(ds, k, ds.decisionSamples(k, Fold.Part.TEST));
            if (test.size() == 0) continue;
            try (Workflows.Trained t = Workflows.train(ds, k, Tasks.CORE, mc, tc, null, line -> log.accept(f.name() + " " + line))) {
                var p = io.tatra.model.eval.ModelPredictions.of(t.model(), test);
                FusionPolicy fusion = fit(policy, ds, k, t, h);
                if (fusion instanceof io.tatra.decision.CostAwareFusion c)
                    log.accept(String.format(java.util.Locale.ROOT, "%s policy: validated edge slope %.3f (t %.2f, %d windows), entry level %.4f%%",
                            f.name(), c.edge().slope(), c.edge().tStat(), c.edge().samples(), 100 * c.entryLevel()));
                Map<Symbol, TradeDecision[]> d = ModelSignals.decide(p, test, h, fusion);
                forecasts.addAll(ModelSignals.forecasts(p, test));
                for (var e : d.entrySet()) {
                    TradeDecision[] into = stitched.computeIfAbsent(e.getKey(), x -> new TradeDecision[e.getValue().length]);
                    for (int i = 0; i < into.length; i++) if (e.getValue()[i] != null) into[i] = e.getValue()[i];
                }
                runs.add(new FoldRun(f.name(), f.train(), f.validation(), f.test(), t.card().training().get("train_windows") instanceof Integer n ? n : -1,
                        test.size(), t.result().bestEpoch(), t.result().seconds(), fusion instanceof io.tatra.decision.CostAwareFusion c ? c.edge() : null,
                        fusion instanceof io.tatra.decision.CostAwareFusion c ? c.entryLevel() : null));
            }
        }
        return new Result(stitched, runs, forecasts);
    }

    /** The policy for fold {@code k}'s model, fitted on that fold's validation windows when it needs them. */
    private static FusionPolicy fit(DecisionPolicy policy, Dataset ds, int k, Workflows.Trained t, int h) {
        if (!policy.needsValidation()) return policy.fit(List.of(), new double[0]);
        Samples val = Samples.of(ds, k, ds.decisionSamples(k, Fold.Part.VALIDATION));
        var v = ModelSignals.validation(io.tatra.model.eval.ModelPredictions.of(t.model(), val), val, h);
        return policy.fit(v.outputs(), v.realized());
    }
}
