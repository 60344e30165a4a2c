package io.tatra.app;

import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.CostBreakdown;
import io.tatra.backtest.Performance;
import io.tatra.backtest.TrialLog;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.DecisionPolicy;
import io.tatra.decision.ensemble.EnsembleConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Issue 16's side-by-side table in one run: the same period, costs and risk for every variant — the unified model
 * with the rule-based fusion and with the cost-aware policy, LightGBM the same two ways, each model's cost-aware side
 * sized by half-Kelly (win/loss ratio from its validation part) and its positions managed by PPO (trained on its
 * validation part; for LightGBM also PPO sizing its cost-aware entries), the unified model filtered by
 * LightGBM, and the full ensemble (LSTM timing, LightGBM win probability, unified vote) — beside buy-and-hold. Each
 * variant is a backtest run directory under {@code out} and a trial in the home's trial log; the deflated Sharpe of
 * every row is computed at the end against every trial logged, so each row counts all the variants tried.
 */
public final class CompareService {
    private CompareService() {}

    /**
     * @param base    the period, costs, risk and out directory (its model and policy are replaced per variant)
     * @param unified a unified model (required); {@code lightgbm} and {@code lstm} may be null (their rows are left out)
     */
    /** @param ppo the PPO sizer's settings, trained on LightGBM's validation part in {@code episodeBars}-bar episodes */
    public record Request(BacktestRequest base, Path unified, Path lightgbm, Path lstm, EnsembleConfig.File ensemble, Path out, io.tatra.ppo.PpoConfig ppo, int episodeBars) {
        public Request {
            if (base == null || out == null) throw new TatraException("compare needs the period and --out DIR");
            if (unified == null && lightgbm == null) throw new TatraException("compare needs --unified DIR or --lightgbm DIR (or both)");
            if (ensemble == null) ensemble = new EnsembleConfig.File(EnsembleConfig.defaults(), null);
            if (ppo == null) ppo = io.tatra.ppo.PpoConfig.defaults(1);
            if (episodeBars < 2) throw new TatraException("--episode-bars must be >= 2, got " + episodeBars);
        }
    }

    /** One row: the variant and its figures (null where undefined, e.g. no trades). */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(String variant, String runDir, Double totalReturn, Double sharpe, Double maxDrawdown, int trades, Double turnover, double fees,
                      double slippage, double funding, Double costShareOfGross, Double deflatedSharpe) {}

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** @param notes rows left out and why */
    public record Result(List<String> symbols, String from, String to, int trials, List<Row> rows, List<String> notes) {}

    private enum Sizing { POLICY, KELLY, PPO, PPO_POSITIONS }

    /** A model's PPO sizing policy trained for this comparison, or why it could not be (the data gate). */
    private record PpoFor(SizingService.Trained trained, String whyNot) {}

    private record Variant(String name, Path model, DecisionPolicy.Kind policy, Path win, List<Path> also, Sizing sizing) {
        Variant(String name, Path model, DecisionPolicy.Kind policy, Path win, List<Path> also) { this(name, model, policy, win, also, Sizing.POLICY); }
    }

    /** Every variant's backtest run, by name, and the rows left out with why. */
    record Runs(List<String> names, List<BacktestService.Run> runs, List<String> notes) {}

    public static Result run(Path home, Request r, Consumer<String> log) {
        Runs runs = runs(home, r, log);
        if (runs.runs().isEmpty()) throw new TatraException("no variant could run: " + String.join("; ", runs.notes()));
        List<BacktestResult> results = runs.runs().stream().map(BacktestService.Run::trades).toList();
        List<String> dirs = runs.runs().stream().map(x -> x.dir().toString()).toList();
        return table(home, r, runs.names(), results, dirs, runs.runs().get(0).buyAndHoldCurve(), runs.notes());
    }

    /**
     * The rows: buy-and-hold, then each variant's figures from its result; every row's deflated Sharpe against every
     * trial now in the log (this run's variants and all earlier ones). Writes {@code compare.json} to the request's out.
     */
    static Result table(Path home, Request r, List<String> names, List<BacktestResult> results, List<String> dirs, BacktestResult buyAndHold, List<String> notes) {
        TrialLog.Read logged = new TrialLog(home.resolve("backtests").resolve("trials.jsonl")).read();
        List<Double> trials = TrialLog.sharpes(logged.trials());
        double perYear = 365.25 * 86_400_000.0 / r.base().data().interval().millis();
        List<Row> rows = new ArrayList<>();
        Performance bh = Performance.of(buyAndHold, perYear, List.of());
        rows.add(new Row("buy-and-hold", null, finite(bh.totalReturn()), finite(bh.sharpe()), finite(bh.maxDrawdown()), r.base().data().symbols().size(), null, bh.feesPaid(),
                0, 0, null, null));
        for (int i = 0; i < results.size(); i++) {
            BacktestResult res = results.get(i);
            Performance p = Performance.of(res, perYear, trials);
            CostBreakdown c = CostBreakdown.of(res);
            rows.add(new Row(names.get(i), dirs.get(i), finite(p.totalReturn()), finite(p.sharpe()), finite(p.maxDrawdown()), p.trades(), c.turnover(),
                    p.feesPaid(), c.slippage(), p.fundingPaid(), c.costShareOfGross(), finite(p.deflatedSharpe())));
        }
        long[] t = buyAndHold.times();
        Result out = new Result(r.base().data().symbols().stream().map(io.tatra.market.Symbol::value).toList(), java.time.Instant.ofEpochMilli(t[0]).toString(),
                java.time.Instant.ofEpochMilli(t[t.length - 1]).toString(), trials.size(), rows, notes);
        io.tatra.AtomicWrite.text(r.out().resolve("compare.json"), Json.write(out));
        return out;
    }

    static Runs runs(Path home, Request r, Consumer<String> log) {
        for (Path m : java.util.Arrays.asList(r.unified(), r.lightgbm(), r.lstm())) if (m != null) io.tatra.model.io.ModelStore.card(m); // a bad model directory stops before any row runs
        try {
            java.nio.file.Files.createDirectories(r.out());
        } catch (java.io.IOException e) {
            throw new TatraException("cannot create " + r.out() + ": " + e.getMessage());
        }
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<BacktestService.Run> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        CostAwareConfig ca = CostAwareConfig.defaults(r.base().data().horizon());
        List<Variant> variants = new ArrayList<>();
        if (r.unified() != null) {
            variants.add(new Variant("unified, rule-based fusion", r.unified(), DecisionPolicy.Kind.RULE_BASED, null, null));
            variants.add(new Variant("unified, cost-aware", r.unified(), DecisionPolicy.Kind.COST_AWARE, null, null));
            variants.add(new Variant("unified, cost-aware side, half-Kelly size", r.unified(), DecisionPolicy.Kind.COST_AWARE, null, null, Sizing.KELLY));
            variants.add(new Variant("unified, PPO manages positions", r.unified(), DecisionPolicy.Kind.COST_AWARE, null, null, Sizing.PPO_POSITIONS));
        }
        if (r.lightgbm() != null) {
            variants.add(new Variant("LightGBM, rule-based fusion", r.lightgbm(), DecisionPolicy.Kind.RULE_BASED, null, null));
            variants.add(new Variant("LightGBM, cost-aware", r.lightgbm(), DecisionPolicy.Kind.COST_AWARE, null, null));
            variants.add(new Variant("LightGBM, cost-aware side, half-Kelly size", r.lightgbm(), DecisionPolicy.Kind.COST_AWARE, null, null, Sizing.KELLY));
            variants.add(new Variant("LightGBM, cost-aware side, PPO entry size", r.lightgbm(), DecisionPolicy.Kind.COST_AWARE, null, null, Sizing.PPO));
            variants.add(new Variant("LightGBM, PPO manages positions", r.lightgbm(), DecisionPolicy.Kind.COST_AWARE, null, null, Sizing.PPO_POSITIONS));
            if (r.unified() != null)
                variants.add(new Variant("unified filtered by LightGBM (ensemble rules)", r.unified(), DecisionPolicy.Kind.COST_AWARE, r.lightgbm(), List.of()));
            if (r.lstm() != null && r.unified() != null)
                variants.add(new Variant("ensemble: LSTM timing, LightGBM win, unified vote", r.lstm(), DecisionPolicy.Kind.COST_AWARE, r.lightgbm(), List.of(r.unified())));
        }
        java.util.Map<Path, PpoFor> trained = new java.util.HashMap<>();
        try {
            runVariants(home, r, log, variants, trained, ca, notes, runs, names);
        } finally {
            for (PpoFor t : trained.values()) if (t.trained() != null) t.trained().result().policy().close();
        }
        return new Runs(names, runs, notes);
    }

    private static void runVariants(Path home, Request r, Consumer<String> log, List<Variant> variants, java.util.Map<Path, PpoFor> trained, CostAwareConfig ca,
                                    List<String> notes, List<BacktestService.Run> runs, List<String> names) {
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            log.accept("compare " + (i + 1) + "/" + variants.size() + ": " + v.name());
            Path dir = r.out().resolve("run-" + (i + 1));
            BacktestRequest b = r.base();
            BacktestRequest req = new BacktestRequest(b.data(), v.model(), null, null, null, b.fusion(), b.backtest(), b.intrabar(), b.funding(), dir, true)
                    .withPolicy(v.policy(), v.policy() == DecisionPolicy.Kind.COST_AWARE ? ca : null);
            BacktestService.Run run;
            if (v.sizing() == Sizing.PPO || v.sizing() == Sizing.PPO_POSITIONS) {
                // one PPO training per model serves its entry-size and its position rows
                PpoFor t = trained.computeIfAbsent(v.model(), m -> {
                    var sr = new SizingService.Request(home, m, req.data().symbols(), req.data().from() == null ? java.time.Instant.EPOCH : req.data().from(), req.data().to(),
                            r.episodeBars(), r.ppo(), req.backtest().costs(), req.fusion(), ca, null);
                    try {
                        return new PpoFor(SizingService.train(sr, log), null);
                    } catch (TatraException e) { // e.g. the data gate: the row is left out, with the reason, and the others run
                        return new PpoFor(null, e.getMessage());
                    }
                });
                if (t.trained() == null) {
                    String why = t.whyNot();
                    notes.add(v.name() + ": left out: " + why);
                    log.accept("compare: " + v.name() + " left out: " + why);
                    continue;
                }
                SizingService.Trained tr = t.trained();
                var pi = tr.result().policy();
                if (v.sizing() == Sizing.PPO) {
                    PpoEntrySizer sizer = new PpoEntrySizer(pi, tr.policy(), tr.medianVolatility(), tr.envConfig().fractions(), req.data().horizon());
                    run = io.tatra.model.nn.Torch.singleThreaded(() -> BacktestService.run(home, req, sizer::resize, "ppo-entries " + r.ppo(), log));
                } else
                    run = io.tatra.model.nn.Torch.singleThreaded(() -> BacktestService.run(home, req, PpoSizingStrategy.over(pi, tr.envConfig().fractions(), r.episodeBars(),
                            tr.policy().costs().roundTrip(1, req.data().horizon()), tr.medianVolatility()), "ppo-positions " + r.ppo(), log));
            } else if (v.sizing() == Sizing.KELLY) {
                double ratio = SizingService.winLossRatio(home, v.model(), req.policySpec(home));
                log.accept(String.format(java.util.Locale.ROOT, "half-Kelly: validated win/loss ratio %.3f", ratio));
                run = BacktestService.run(home, req, d -> SizingService.halfKelly(d, ratio), "half-kelly", log);
            } else if (v.win() == null) run = BacktestService.run(home, req, log);
            else run = EnsembleService.run(home, new EnsembleService.Request(req, v.win(), v.also(), r.ensemble().thresholds(), r.ensemble().fit()), log);
            runs.add(run);
            names.add(v.name());
        }
    }

    private static Double finite(double v) { return Double.isFinite(v) ? v : null; }
}
