package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.decision.DecisionPolicy;
import io.tatra.decision.FusionPolicy;
import io.tatra.decision.TradeCosts;
import io.tatra.features.Feature;
import io.tatra.features.MarketFrame;
import io.tatra.market.FundingRate;
import io.tatra.market.Interval;
import io.tatra.model.eval.ModelSignals;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;
import io.tatra.model.train.Samples;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a decision policy for a saved model (unified or LightGBM): the cost-aware policy is fitted on the model's own
 * validation part, recorded in its card, with labels that end inside it (none reaches past the validation end, so
 * nothing after it, the test included, shapes a threshold).
 */
final class PolicyFits {
    private PolicyFits() {}

    /** A saved model's forecasts over windows, whichever kind the model is. */
    record Forecasted(Samples windows, io.tatra.forecast.Forecasts forecasts) {}

    static Forecasted forecasts(Path model, Dataset ds) {
        if (GbmModels.isLightGbm(model)) {
            try (GbmModels.Loaded g = GbmModels.load(model, ds.schemaHash())) {
                Samples windows = new Samples(ds.symbols(), g.normalization(), ds.config().window(), ds.decisionSamples());
                double[] x = new io.tatra.gbm.WindowSummary(ds.symbols(), g.normalization()).rows(windows.list());
                return new Forecasted(windows, g.forecaster().forecasts(x, windows.size()));
            }
        }
        try (ModelStore.Loaded loaded = ModelStore.load(model, ds.schemaHash())) {
            Samples windows = new Samples(ds.symbols(), loaded.normalization(), ds.config().window(), ds.decisionSamples());
            return new Forecasted(windows, io.tatra.model.eval.ModelPredictions.of(loaded.model(), windows));
        }
    }

    /** The policy for a saved model; the cost-aware one reads the model's validation period from the store. */
    /** A loaded unified model's forecasts over a dataset's decision windows. */
    static Forecasted forecasts(ModelStore.Loaded loaded, Dataset ds) {
        Samples windows = new Samples(ds.symbols(), loaded.normalization(), ds.config().window(), ds.decisionSamples());
        return new Forecasted(windows, io.tatra.model.eval.ModelPredictions.of(loaded.model(), windows));
    }

    /**
     * A model's validation part as the cost-aware policy sees it: the dataset around it, the windows inside it (each
     * one's symbol and row, the heads' outputs, the realized horizon return or NaN where it would end after the part),
     * and the policy before fitting, its costs set.
     */
    record ValidationPart(Dataset dataset, List<Dataset.Sample> windows, List<io.tatra.decision.HeadOutputs> outputs, double[] realized, DecisionPolicy policy,
                          Instant from, Instant to) {
        FusionPolicy fit() { return policy.fit(outputs, realized); }
    }

    static ValidationPart validation(Path home, DataRequest data, Object model, ModelCard card, java.util.function.Function<Dataset, Forecasted> source, PolicySpec spec) {
        if (card.validationFrom() == null || card.validationTo() == null)
            throw new TatraException("model " + model + " has no validation period in its card: the cost-aware policy fits its thresholds there; use --policy rule");
        Interval iv = data.interval();
        Instant vFrom = Instant.parse(card.validationFrom()), vTo = Instant.parse(card.validationTo());
        // the data runs past the validation end by the labels' lookahead so its last windows exist; their returns are then cut at the end
        int lookahead = data.config().labels().lookahead();
        Instant from = vFrom.minusMillis((Feature.maxWarmup() + DataRequest.WINDOW + 2L) * iv.millis()), to = vTo.plusMillis((lookahead + 1L) * iv.millis());
        Dataset ds;
        try {
            ds = data.withPeriod(from, to).unsplit(home, line -> {});
        } catch (TatraException e) {
            throw new TatraException("the cost-aware policy is fitted on the model's validation period " + vFrom + " .. " + vTo + " of " + data.symbols()
                    + ", read from the store in " + home + ": " + e.getMessage() + " (import or download those bars, or use --policy rule)", e);
        }
        DecisionPolicy policy = DecisionPolicy.costAware(spec.risk(), spec.costAware(),
                costs(spec.costs(), MarketData.withFunding(ds.symbols().stream().map(io.tatra.dataset.SymbolData::frame).toList(), spec.funding()), to.toEpochMilli(), iv));
        Forecasted all = source.apply(ds);
        int h = data.horizon();
        var v = ModelSignals.validation(all.forecasts(), all.windows(), h);
        List<Dataset.Sample> windows = new ArrayList<>();
        List<io.tatra.decision.HeadOutputs> outs = new ArrayList<>();
        List<Double> realized = new ArrayList<>();
        for (int k = 0; k < all.windows().size(); k++) {
            Dataset.Sample s = all.windows().list().get(k);
            long t = ds.symbols().get(s.symbol()).bars().openTimeMillis(s.row());
            if (t < vFrom.toEpochMilli() || t > vTo.toEpochMilli()) continue;
            windows.add(s);
            outs.add(v.outputs().get(k));
            // NaN where the return would end after the validation period
            realized.add(t + (long) h * iv.millis() <= vTo.toEpochMilli() ? v.realized()[k] : Double.NaN);
        }
        if (windows.isEmpty()) throw new TatraException("no window of " + data.symbols() + " in the model's validation period " + vFrom + " .. " + vTo + ": the cost-aware policy cannot be fitted");
        return new ValidationPart(ds, windows, outs, realized.stream().mapToDouble(Double::doubleValue).toArray(), policy, vFrom, vTo);
    }

    /** @param source the model's forecasts over a dataset; {@code model} names it in messages */
    static FusionPolicy forModel(Path home, DataRequest data, Object model, ModelCard card, java.util.function.Function<Dataset, Forecasted> source, PolicySpec spec,
                                 Consumer<String> log) {
        if (spec.kind() == DecisionPolicy.Kind.RULE_BASED) return DecisionPolicy.ruleBased(spec.risk()).fit(List.of(), new double[0]);
        ValidationPart v = validation(home, data, model, card, source, spec);
        FusionPolicy p = v.fit();
        if (p instanceof io.tatra.decision.CostAwareFusion c)
            log.accept(String.format(java.util.Locale.ROOT, "cost-aware policy fitted on %s .. %s: edge slope %.3f (t %.2f, %d windows), entry level %.4f%%, round trip %.4f%%",
                    v.from(), v.to(), c.edge().slope(), c.edge().tStat(), c.edge().samples(), 100 * c.entryLevel(), 100 * c.costs().roundTrip(1, data.horizon())));
        return p;
    }

    /** The walk-forward policy: costs from the backtest's fees and slippage and the funding known before {@code before}. */
    static DecisionPolicy policy(BacktestRequest req, List<MarketFrame> frames, long before) {
        if (req.policy() == DecisionPolicy.Kind.RULE_BASED) return DecisionPolicy.ruleBased(req.fusion());
        return DecisionPolicy.costAware(req.fusion(), req.costAware(), costs(req.backtest().costs(), frames, before, req.data().interval()));
    }

    /**
     * One leg: the taker fee and the fixed slippage (volatility-dependent slippage is not priced in); funding: the mean
     * settlement before {@code before}, spread over the bars between settlements.
     */
    static TradeCosts costs(io.tatra.backtest.CostConfig cfg, List<MarketFrame> frames, long before, Interval iv) {
        double sum = 0, gaps = 0;
        int n = 0, g = 0;
        for (MarketFrame f : frames) {
            long prev = Long.MIN_VALUE;
            for (FundingRate r : f.funding()) {
                long t = r.time().toEpochMilli();
                if (t >= before) break;
                sum += r.rate();
                n++;
                if (prev != Long.MIN_VALUE) {
                    gaps += t - prev;
                    g++;
                }
                prev = t;
            }
        }
        double perBar = n == 0 || g == 0 ? 0 : sum / n * iv.millis() / (gaps / g);
        return new TradeCosts(cfg.takerFee() + cfg.slippage(Double.NaN), perBar, cfg.volMultiple());
    }
}
