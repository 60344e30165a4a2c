package io.tatra.app;

import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.CostConfig;
import io.tatra.dataset.Dataset;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.CostAwareFusion;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.decision.TradeDecision;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.meta.DataSufficiency;
import io.tatra.model.eval.ModelSignals;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.Episodes;
import io.tatra.ppo.MultiEnv;
import io.tatra.ppo.PpoConfig;
import io.tatra.ppo.PpoTrainer;
import io.tatra.ppo.SizingEnv;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Position sizing by PPO against the baselines (issue 16), for a saved model: the agent trains on the model's
 * validation part (out of sample for the model, so its forecasts are as reliable there as they will be later), seeing
 * the heads' outputs and its position; then it and every baseline trade the test period in the same environment —
 * consecutive episodes of the backtest's own session, fees, slippage and funding included.
 *
 * <p>Baselines: flat; long throughout; the cost-aware policy's side at full size; the rule-based fusion's side and size;
 * half-Kelly on the cost-aware side, with the win probability {@code P(side) / (P(up) + P(down))} and the win/loss
 * ratio measured on the validation part. Positions are the environment's discrete targets (nearest one).
 */
public final class SizingService {
    private SizingService() {}

    public record Request(Path home, Path model, List<Symbol> symbols, Instant testFrom, Instant testTo, int episodeBars, PpoConfig ppo,
                          CostConfig costs, FusionConfig risk, CostAwareConfig costAware, Path out) {
        public Request {
            if (home == null || model == null || symbols == null || symbols.isEmpty() || ppo == null || costs == null || risk == null || costAware == null)
                throw new IllegalArgumentException("home, model, symbols, PPO settings, costs, risk and cost-aware settings are required");
            if (episodeBars < 2) throw new TatraException("--episode-bars must be >= 2, got " + episodeBars);
        }
    }

    /** One sizing rule's result on the test period: episodes, summed log return, costs, trades. */
    public record Row(String rule, int episodes, double logReturn, double meanEpisodeLogReturn, double fees, double slippage, double funding, int trades) {}

    public record Result(String model, List<String> symbols, String validation, String test, int trainEpisodes, long trainSteps, double trainSeconds,
                         double kellyWinLossRatio, io.tatra.decision.EdgeModel edge, List<Row> rows, List<PpoTrainer.Iteration> curve) {}

    /** PPO trained on a model's validation part, with what it was trained from (the fitted policy, the volatility median, the win/loss ratio). */
    record Trained(PpoTrainer.Result result, CostAwareFusion policy, double medianVolatility, double kellyB, int episodes, String validation, DataRequest data,
                   SizingEnv.Config envConfig) {}

    static Trained train(Request r, Consumer<String> log) {
        ModelCard card = ModelStore.card(r.model());
        if (card.labels() == null) throw new TatraException(r.model() + " has no label settings in its card");
        Interval iv = Interval.parse(card.interval());
        int h = card.labels().horizon();
        DataRequest data = DataRequest.of(r.symbols(), iv).withHorizon(h);
        PolicySpec spec = PolicySpec.costAware(r.risk(), r.costAware(), r.costs(), r.home(), null);
        PolicyFits.ValidationPart v = PolicyFits.validation(r.home(), data, r.model(), card, ds -> PolicyFits.forecasts(r.model(), ds), spec);
        CostAwareFusion policy = (CostAwareFusion) v.fit();
        BacktestConfig bt = BacktestConfig.defaults().withCosts(r.costs()).withRisk(io.tatra.risk.RiskLimits.leverage(1, 1));
        SizingEnv.Config envCfg = SizingEnv.Config.of(bt, r.episodeBars());
        double median = medianVolatility(v.outputs());

        List<SizingEnv> train = new ArrayList<>();
        Signals val = Signals.of(v.dataset(), v.windows(), v.outputs(), policy, median);
        for (int s = 0; s < v.dataset().symbols().size(); s++) {
            int[] run = val.longestRun(s);
            if (run[1] - run[0] > r.episodeBars() + 1) train.add(new SizingEnv(envCfg, v.dataset().symbols().get(s).frame(), val.rows[s], run[0], run[1], r.ppo().seed() + s));
        }
        if (train.isEmpty()) throw new TatraException("no symbol has a run of " + (r.episodeBars() + 2) + " validation bars with forecasts: PPO has nothing to train on");
        MultiEnv<SizingEnv> env = new MultiEnv<>(train, r.ppo().seed());
        String warning = DataSufficiency.PPO.check(env.distinctEpisodes(), "the validation part of " + r.model() + " (" + v.from() + " .. " + v.to() + ")");
        if (warning != null) log.accept("tatra sizing: " + warning);
        double kellyB = winLossRatio(v.outputs(), v.realized(), policy);
        log.accept(String.format(java.util.Locale.ROOT, "PPO: %d episodes of %d bars in the validation part, %d steps; edge slope %.3f (t %.2f); win/loss ratio %.3f",
                env.distinctEpisodes(), r.episodeBars(), r.ppo().totalSteps(), policy.edge().slope(), policy.edge().tStat(), kellyB));
        PpoTrainer.Result trained = PpoTrainer.train(env, r.ppo(), it -> {
            if (it.iteration() % 10 == 0 || it.iteration() == 1)
                log.accept(String.format(java.util.Locale.ROOT, "PPO iteration %d: mean episode log return %.5f, entropy %.3f, KL %.4f, clipped %.2f", it.iteration(),
                        it.meanEpisodeReturn(), it.entropy(), it.approxKl(), it.clipFraction()));
        });
        return new Trained(trained, policy, median, kellyB, env.distinctEpisodes(), v.from() + " .. " + v.to(), data, envCfg);
    }

    public static Result run(Request r, Consumer<String> log) {
        Trained t = train(r, log);
        PpoTrainer.Result trained = t.result();
        CostAwareFusion policy = t.policy();
        double median = t.medianVolatility(), kellyB = t.kellyB();
        DataRequest data = t.data();
        int h = data.horizon();
        SizingEnv.Config envCfg = t.envConfig();
        try (ActorCritic pi = trained.policy()) {
            Dataset test = data.withPeriod(r.testFrom(), r.testTo()).unsplit(r.home(), line -> {});
            PolicyFits.Forecasted f = PolicyFits.forecasts(r.model(), test);
            var tv = ModelSignals.validation(f.forecasts(), f.windows(), h);
            Signals ts = Signals.of(test, f.windows().list(), tv.outputs(), policy, median);
            double[] fr = envCfg.fractions();
            RuleBasedFusion rule = new RuleBasedFusion(r.risk());
            Map<String, Episodes.Rule> rules = new LinkedHashMap<>();
            rules.put("flat", (bar, obs) -> nearest(fr, 0));
            rules.put("long", (bar, obs) -> nearest(fr, 1));
            rules.put("cost-aware side, full size", (bar, obs) -> nearest(fr, policy.decide(ts.current.outputs(bar)).action().sign()));
            rules.put("rule-based fusion (side and size)", (bar, obs) -> {
                TradeDecision d = rule.decide(ts.current.outputs(bar));
                return nearest(fr, d.action().sign() * d.size());
            });
            rules.put("half-Kelly on the cost-aware side", (bar, obs) -> nearest(fr, kelly(policy.decide(ts.current.outputs(bar)), ts.current.outputs(bar), kellyB)));
            rules.put("PPO", Episodes.greedy(pi));
            Map<String, Episodes.Outcome> sum = new LinkedHashMap<>();
            io.tatra.model.nn.Torch.singleThreaded(() -> { // PPO acts on one PyTorch thread, as it trained
                for (int s = 0; s < test.symbols().size(); s++) {
                    int[] run = ts.longestRun(s);
                    if (run[1] - run[0] <= r.episodeBars() + 1) continue;
                    ts.current = ts.view(s);
                    SizingEnv e = new SizingEnv(envCfg, test.symbols().get(s).frame(), ts.rows[s], run[0], run[1], 0);
                    for (var rule2 : rules.entrySet()) sum.merge(rule2.getKey(), Episodes.run(e, rule2.getValue()), Episodes.Outcome::plus);
                }
                return null;
            });
            List<Row> rows = new ArrayList<>();
            for (var e : sum.entrySet()) {
                Episodes.Outcome o = e.getValue();
                rows.add(new Row(e.getKey(), o.episodes(), o.logReturn(), o.episodes() == 0 ? 0 : o.logReturn() / o.episodes(), o.fees(), o.slippage(), o.funding(), o.trades()));
            }
            Result out = new Result(r.model().toString(), r.symbols().stream().map(Symbol::value).toList(), t.validation(),
                    r.testFrom() + " .. " + (r.testTo() == null ? "the last stored bar" : r.testTo()), t.episodes(), r.ppo().totalSteps(), trained.seconds(),
                    kellyB, policy.edge(), rows, trained.curve());
            if (r.out() != null) io.tatra.AtomicWrite.text(r.out(), Json.write(out));
            return out;
        }
    }

    /** The index of the target position nearest to {@code f}. */
    static int nearest(double[] fractions, double f) {
        int best = 0;
        for (int i = 1; i < fractions.length; i++) if (Math.abs(fractions[i] - f) < Math.abs(fractions[best] - f)) best = i;
        return best;
    }

    /** Half-Kelly on the decision's side: {@code (p − (1 − p)/b)/2}, clipped to [0, 1], signed; 0 when flat. */
    static double kelly(TradeDecision d, HeadOutputs o, double b) { return kelly(d.action().sign(), o.pUp(), o.pDown(), b); }

    static double kelly(int side, double pUp, double pDown, double b) {
        if (side == 0 || !(b > 0)) return 0;
        double p = EnsembleService.pSide(pUp, pDown, side);
        return side * Math.max(0, Math.min(1, (p - (1 - p) / b) / 2));
    }

    /**
     * The decision with its size replaced by half-Kelly on its side (from its trace's {@code p_up}, {@code p_down}),
     * or flat ({@code KELLY_ZERO}) when that is 0; flat decisions and decisions without those probabilities are kept.
     */
    static TradeDecision halfKelly(TradeDecision d, double b) {
        double up = d.traced("p_up"), down = d.traced("p_down");
        if (d.action() == io.tatra.decision.Action.FLAT || Double.isNaN(up) || Double.isNaN(down)) return d;
        double k = Math.abs(kelly(d.action().sign(), up, down, b));
        Map<String, Double> trace = new LinkedHashMap<>(d.trace());
        trace.put("kelly_win_loss_ratio", b);
        trace.put("half_kelly", k);
        trace.put("size", k);
        String why = String.format(java.util.Locale.ROOT, " Sized by half-Kelly: %.3f of equity (win/loss ratio %.3f).", k, b);
        if (k == 0) return new TradeDecision(io.tatra.decision.Action.FLAT, d.confidence(), 0, d.stopLoss(), d.takeProfit(), d.consistency(), d.reasoning() + why, trace,
                io.tatra.decision.SkipReason.KELLY_ZERO);
        return new TradeDecision(d.action(), d.confidence(), k, d.stopLoss(), d.takeProfit(), d.consistency(), d.reasoning() + why, trace, null);
    }

    /** The validated win/loss ratio of a saved model's cost-aware side (its validation part, as the policy is fitted). */
    static double winLossRatio(Path home, Path model, PolicySpec spec) {
        var card = ModelStore.card(model);
        if (card.labels() == null || card.symbols() == null) throw new TatraException("model " + model + " has no label settings or symbols in its card");
        DataRequest data = DataRequest.of(card.symbols().stream().map(Symbol::of).toList(), Interval.parse(card.interval())).withHorizon(card.labels().horizon())
                .withFeaturesOf(card.featureSchema());
        PolicyFits.ValidationPart v = PolicyFits.validation(home, data, model, card, ds -> PolicyFits.forecasts(model, ds), spec);
        return winLossRatio(v.outputs(), v.realized(), (CostAwareFusion) v.fit());
    }

    /** Mean winning over mean losing |return| when trading the side of the expected return on the validation windows. */
    static double winLossRatio(List<HeadOutputs> outs, double[] realized, CostAwareFusion policy) {
        double win = 0, loss = 0;
        int nw = 0, nl = 0;
        for (int i = 0; i < outs.size(); i++) {
            if (!Double.isFinite(realized[i])) continue;
            double side = Math.signum(policy.edge().expectedReturn(outs.get(i))), g = side * realized[i];
            if (side == 0) continue;
            if (g > 0) { win += g; nw++; } else if (g < 0) { loss -= g; nl++; }
        }
        return nw == 0 || nl == 0 ? Double.NaN : (win / nw) / (loss / nl);
    }

    static double medianVolatility(List<HeadOutputs> outs) {
        double[] v = outs.stream().mapToDouble(HeadOutputs::volatility).sorted().toArray();
        return v.length == 0 ? 1 : v[v.length / 2];
    }

    /**
     * Per symbol and bar, what the agent sees of the model (null where the bar has no forecast): {@code 10·(P(up) − P(down))},
     * the expected return in round trips, {@code P(bull) − P(bear)} and the volatility forecast relative to the
     * validation median − 1 (the last two clipped to ±5); and the heads' outputs the baselines decide from.
     */
    static final class Signals {
        final double[][][] rows;
        final HeadOutputs[][] outs;
        View current;

        Signals(double[][][] rows, HeadOutputs[][] outs) {
            this.rows = rows;
            this.outs = outs;
        }

        static Signals of(Dataset ds, List<Dataset.Sample> windows, List<HeadOutputs> outputs, CostAwareFusion policy, double medianVol) {
            int m = ds.symbols().size();
            double[][][] rows = new double[m][][];
            HeadOutputs[][] outs = new HeadOutputs[m][];
            for (int s = 0; s < m; s++) {
                int n = ds.symbols().get(s).bars().size();
                rows[s] = new double[n][];
                outs[s] = new HeadOutputs[n];
            }
            for (int k = 0; k < windows.size(); k++) {
                Dataset.Sample w = windows.get(k);
                HeadOutputs o = outputs.get(k);
                rows[w.symbol()][w.row()] = row(o.pUp(), o.pDown(), o.pBull(), o.pBear(), o.volatility(), policy.edge().expectedReturn(o),
                        policy.costs().roundTrip(1, o.horizon()), medianVol);
                outs[w.symbol()][w.row()] = o;
            }
            return new Signals(rows, outs);
        }

        /** One bar's signals: {@code 10·(P(up) − P(down))}, E[r] in round trips, {@code P(bull) − P(bear)}, volatility / median − 1 (both clipped to ±5). */
        static double[] row(double pUp, double pDown, double pBull, double pBear, double volatility, double expectedReturn, double roundTrip, double medianVol) {
            return new double[]{10 * (pUp - pDown), clip(expectedReturn / Math.max(roundTrip, 1e-6)), pBull - pBear, clip(volatility / medianVol - 1)};
        }

        /**
         * The same signals from a cost-aware decision's trace ({@code p_up … volatility}, {@code edge}); non-finite
         * values where the trace lacks them (a decision of another policy).
         */
        static double[] ofTrace(TradeDecision d, double roundTrip, double medianVol) {
            return row(d.traced("p_up"), d.traced("p_down"), d.traced("p_bull"), d.traced("p_bear"), d.traced("volatility"), d.traced("edge"), roundTrip, medianVol);
        }

        /** Whether every value of a signal row is finite. */
        static boolean finite(double[] row) {
            for (double v : row) if (!Double.isFinite(v)) return false;
            return true;
        }

        private static double clip(double v) { return Math.max(-5, Math.min(5, v)); }

        /** [from, to) of the longest stretch of consecutive bars of symbol {@code s} with forecasts. */
        int[] longestRun(int s) {
            int bestFrom = 0, bestTo = 0, from = -1;
            for (int i = 0; i <= rows[s].length; i++) {
                boolean has = i < rows[s].length && rows[s][i] != null;
                if (has && from < 0) from = i;
                if (!has && from >= 0) {
                    if (i - from > bestTo - bestFrom) { bestFrom = from; bestTo = i; }
                    from = -1;
                }
            }
            return new int[]{bestFrom, bestTo};
        }

        View view(int s) { return new View(outs[s]); }

        /** One symbol's heads' outputs by bar. */
        record View(HeadOutputs[] outs) {
            HeadOutputs outputs(int bar) { return outs[bar]; }
        }
    }
}
