package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.decision.FusionPolicy;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.TradeDecision;
import io.tatra.decision.ensemble.Ensemble;
import io.tatra.decision.ensemble.EnsembleConfig;
import io.tatra.decision.ensemble.EnsembleQuantiles;
import io.tatra.decision.ensemble.Vote;
import io.tatra.market.Symbol;
import io.tatra.model.eval.ModelSignals;
import io.tatra.model.io.ModelStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ensemble as a backtest (issue 16): the request's model is the timing member (design document 003's LSTM), a
 * LightGBM model gives the win probability, further models vote, and the request's policy (cost-aware by default,
 * fitted on the timing model's validation part) is the sizer: its side, size (0 when it is flat: its cost gate holds for the
 * ensemble too), stop and take profit. Each bar's votes
 * go through {@link Ensemble}; the decisions are traded as any backtest's, under the policy's holding rules.
 *
 * <p>Votes from a model's calibrated direction head: side {@code sign(P(up) − P(down))}, confidence
 * {@code P(side) / (P(up) + P(down))}; the win-probability member votes the timing side's P(win) the same way.
 * The timing member also votes a risk: its volatility forecast's rank among its forecasts of the same symbol's 500
 * windows before ({@link #riskScores}, the LSTM's {@code risk_score}), which the ensemble's {@code maxRisk} rule reads.
 */
public final class EnsembleService {
    private EnsembleService() {}

    /**
     * @param base   the backtest: its model is the timing member, its policy the sizer
     * @param win    the win-probability member (a LightGBM model by the document; any saved model works)
     * @param others further voting members (may be empty)
     */
    /**
     * @param fit      thresholds to fit on the timing model's validation part, or null (the config's fixed values)
     * @param ppoSizer a saved PPO sizing policy trained on the timing model's forecasts that is the sizer member (its target
     *                 from a flat book gives the side and size, the document's "PPO: determine position size"), or null
     *                 (the request's policy sizes)
     * @param ppoRisk  a saved PPO risk policy trained on the timing model's forecasts whose multiplier from a flat book is
     *                 the sizer's risk view ({@link PpoRiskVote}), or null
     */
    public record Request(BacktestRequest base, Path win, List<Path> others, EnsembleConfig config, EnsembleQuantiles fit, Path ppoSizer, Path ppoRisk) {
        public Request {
            if (base == null || base.model() == null) throw new TatraException("the ensemble needs --model (the timing member) and trades its period");
            if (win == null) throw new TatraException("the ensemble needs a win-probability model (--win-model DIR)");
            others = others == null ? List.of() : List.copyOf(others);
            if (config == null) throw new IllegalArgumentException("ensemble config is required");
        }

        public Request(BacktestRequest base, Path win, List<Path> others, EnsembleConfig config) { this(base, win, others, config, null, null, null); }

        public Request(BacktestRequest base, Path win, List<Path> others, EnsembleConfig config, EnsembleQuantiles fit) { this(base, win, others, config, fit, null, null); }
    }

    /** The PPO members: the entry sizer and the risk view (each may be null). */
    record PpoMembers(PpoEntrySizer sizer, PpoRiskVote risk) {}

    /** One window's votes: the timing member's, the win member's, the sizer's (with its decision) and the others'. */
    record Votes(Dataset.Sample window, Vote timing, Vote win, Vote sizer, TradeDecision sized, List<Vote> rest) {
        List<Vote> all() {
            List<Vote> a = new ArrayList<>(List.of(timing, win, sizer));
            a.addAll(rest);
            return a;
        }
    }

    /** Every window's votes over a dataset: the timing model's forecasts, the other members' on the same windows, the sizer's decision. */
    static List<Votes> votes(Dataset ds, PolicyFits.Forecasted timing, Request r, FusionPolicy sizer, PpoMembers ppo, int h, String[] inSample, Consumer<String> log) {
        if (!MetaWinMember.is(r.win())) return votes(ds, timing, r, sizer, ppo, h, inSample, null, log);
        try (MetaWinMember meta = MetaWinMember.load(r.win(), ds.interval(), ds.schemaHash())) {
            if (inSample != null) {
                String w = BacktestService.inSample(meta.seenTo(), ds, "the trades the win model " + r.win(), "its votes there are in-sample", log);
                if (w != null && inSample[0] == null) inSample[0] = w;
            }
            return votes(ds, timing, r, sizer, ppo, h, inSample, meta, log);
        }
    }

    /** @param meta the meta-label win member, or null when the win member is a forecasting model */
    private static List<Votes> votes(Dataset ds, PolicyFits.Forecasted timing, Request r, FusionPolicy sizer, PpoMembers ppo, int h, String[] inSample,
                                     MetaWinMember meta, Consumer<String> log) {
        List<Path> members = new ArrayList<>(meta == null ? List.of(r.win()) : List.of());
        members.addAll(r.others());
        List<List<HeadOutputs>> outs = new ArrayList<>();
        for (Path m : members) {
            if (inSample != null) {
                String w = BacktestService.inSample(ModelStore.card(m), ds, m, log);
                if (w != null && inSample[0] == null) inSample[0] = w;
            }
            PolicyFits.Forecasted f = PolicyFits.forecasts(m, ds);
            if (f.windows().size() != timing.windows().size())
                throw new TatraException("model " + m + " forecasts " + f.windows().size() + " windows of this period, the timing model " + timing.windows().size()
                        + ": ensemble members must share the window and feature schema");
            outs.add(ModelSignals.validation(f.forecasts(), f.windows(), h).outputs());
        }
        List<HeadOutputs> t = ModelSignals.validation(timing.forecasts(), timing.windows(), h).outputs();
        double[] risk = riskScores(timing.windows().list(), t);
        List<Votes> out = new ArrayList<>(t.size());
        java.util.Map<Integer, int[]> sides = new java.util.HashMap<>(); // the risk policy's base side per row, per symbol
        for (int k = 0; k < t.size(); k++) {
            HeadOutputs o = t.get(k);
            Vote tv = vote("timing", o, risk[k]);
            TradeDecision sized = sizer.decide(timing.forecasts().window(k), h);
            int side = sized.action().sign();
            double size = sized.size();
            if (ppo.sizer() != null) { // PPO's target from a flat book is the sizer's side and size
                double target = ppo.sizer().target(sized);
                side = Double.isNaN(target) ? 0 : (int) Math.signum(target);
                size = Double.isNaN(target) ? 0 : Math.abs(target);
            }
            // a flat sizer proposes no position: its cost gate (or PPO's choice) holds for the ensemble too
            Dataset.Sample w = timing.windows().list().get(k);
            double ppoRisk = Double.NaN; // PPO's risk view from a flat book rides on the sizer's vote: "PPO: size and risk"
            if (ppo.risk() != null) {
                io.tatra.market.BarSeries bars = ds.symbols().get(w.symbol()).frame().bars();
                ppoRisk = ppo.risk().risk(sized, bars, w.row(), sides.computeIfAbsent(w.symbol(), x -> new int[bars.size()]));
            }
            Vote sv = new Vote(ppo.sizer() != null ? "ppo_sizer" : "sizer", side, side == 0 ? 0.5 : pSide(o, side), ppoRisk, size);
            Vote wv = meta == null ? winVote(outs.get(0).get(k), tv.side()) : metaVote(meta, ds.symbols().get(w.symbol()), w.row(), tv.side(), sized);
            List<Vote> rest = new ArrayList<>();
            for (int m = meta == null ? 1 : 0; m < outs.size(); m++) rest.add(vote("also" + (meta == null ? m : m + 1), outs.get(m).get(k)));
            out.add(new Votes(timing.windows().list().get(k), tv, wv, sv, sized, rest));
        }
        return out;
    }

    public static BacktestService.Run run(Path home, Request r, Consumer<String> log) {
        BacktestRequest req = r.base();
        int h = req.data().horizon();
        Dataset ds = req.data().unsplit(home, log);
        var card = ModelStore.card(req.model());
        String[] inSample = {BacktestService.inSample(card, ds, req.model(), log)};
        FusionPolicy sizer = req.policySpec(home).fit(req.model(), card, log);
        try (PpoSizing.Sizer ppo = r.ppoSizer() == null ? null : PpoSizing.entrySizer(r.ppoSizer(), req.model(), sizer, h, log);
             PpoSizing.RiskVoter pr = r.ppoRisk() == null ? null : PpoSizing.riskVote(r.ppoRisk(), req.model(), log)) {
            return run(home, r, ds, sizer, new PpoMembers(ppo == null ? null : ppo.sizer(), pr == null ? null : pr.vote()), inSample, log);
        }
    }

    private static BacktestService.Run run(Path home, Request r, Dataset ds, FusionPolicy sizer, PpoMembers ppo, String[] inSample, Consumer<String> log) {
        BacktestRequest req = r.base();
        int h = req.data().horizon();
        EnsembleConfig config = r.fit() == null ? r.config() : fit(home, r, sizer, ppo, h, log);
        Ensemble ens = new Ensemble(config);
        Map<Symbol, TradeDecision[]> decisions = new HashMap<>();
        PolicyFits.Forecasted timing = PolicyFits.forecasts(req.model(), ds);
        List<Votes> votes = io.tatra.model.nn.Torch.singleThreaded(() -> votes(ds, timing, r, sizer, ppo, h, inSample, log));
        for (Votes v : votes) {
            var bars = ds.symbols().get(v.window().symbol()).bars();
            decisions.computeIfAbsent(bars.symbol(), x -> new TradeDecision[bars.size()])[v.window().row()] =
                    ens.decide(v.timing(), v.win(), v.sizer(), v.rest(), v.sized().stopLoss(), v.sized().takeProfit());
        }
        String variant = BacktestService.variant(req) + " ensemble=" + config + (r.fit() == null ? "" : " fitted=" + r.fit()) + " win=" + r.win().toAbsolutePath().normalize()
                + " others=" + r.others() + (r.ppoSizer() == null ? "" : " ppo-sizer=" + r.ppoSizer().toAbsolutePath().normalize())
                + (r.ppoRisk() == null ? "" : " ppo-risk=" + r.ppoRisk().toAbsolutePath().normalize());
        return BacktestService.trade(home, req, ds, decisions, ModelSignals.forecasts(timing.forecasts(), timing.windows()), inSample[0], variant, log);
    }

    /**
     * The config with its {@code fitQuantiles} thresholds set on the timing model's validation part (its card's; the
     * votes of every member on those windows, the sizer fitted as for trading).
     */
    static EnsembleConfig fit(Path home, Request r, FusionPolicy sizer, PpoMembers ppo, int h, Consumer<String> log) {
        BacktestRequest req = r.base();
        var card = ModelStore.card(req.model());
        if (card.validationFrom() == null || card.validationTo() == null)
            throw new TatraException("the timing model " + req.model() + " has no validation part in its card: the ensemble's thresholds cannot be fitted there; give fixed values");
        List<Symbol> symbols = card.symbols().stream().map(Symbol::of).toList();
        DataRequest data = DataRequest.of(symbols, req.data().interval()).withHorizon(h);
        PolicyFits.Forecasted[] forecasted = new PolicyFits.Forecasted[1]; // the validation dataset's forecasts, computed once for the cut and the votes
        PolicyFits.ValidationPart v = PolicyFits.validation(home, data, req.model(), card, ds -> forecasted[0] = PolicyFits.forecasts(req.model(), ds), req.policySpec(home));
        long from = v.from().toEpochMilli(), to = v.to().toEpochMilli();
        List<Double> timing = new ArrayList<>(), win = new ArrayList<>(), ensemble = new ArrayList<>();
        List<Votes> all = io.tatra.model.nn.Torch.singleThreaded(() -> votes(v.dataset(), forecasted[0], r, sizer, ppo, h, null, log));
        for (Votes x : all) {
            long t = v.dataset().symbols().get(x.window().symbol()).bars().openTimeMillis(x.window().row());
            if (t < from || t > to || x.timing().side() == 0) continue;
            timing.add(x.timing().confidence());
            win.add(x.win().side() == x.timing().side() ? x.win().confidence() : 1 - x.win().confidence());
            ensemble.add(Ensemble.confidence(x.all(), x.timing().side()));
        }
        EnsembleConfig fitted = r.fit().fit(r.config(), timing.stream().mapToDouble(Double::doubleValue).toArray(), win.stream().mapToDouble(Double::doubleValue).toArray(),
                ensemble.stream().mapToDouble(Double::doubleValue).toArray());
        log.accept(String.format(java.util.Locale.ROOT, "ensemble thresholds fitted on the timing model's validation part %s .. %s (%d windows with a timing side): %s",
                v.from(), v.to(), timing.size(), r.fit().describe(fitted)));
        return fitted;
    }

    /** A model's direction as a vote: the likelier of up and down, with its share of the two. */
    static Vote vote(String name, HeadOutputs o) { return vote(name, o, Double.NaN); }

    /** The same with a risk view (NaN: none). */
    static Vote vote(String name, HeadOutputs o, double risk) {
        int side = o.pUp() > o.pDown() ? 1 : o.pUp() < o.pDown() ? -1 : 0;
        return new Vote(name, side, side == 0 ? 0.5 : pSide(o, side), risk, Double.NaN);
    }

    /**
     * The timing member's risk view, design document 003's LSTM {@code risk_score}: each window's volatility forecast
     * ranked among the same model's forecasts of the {@link DecisionService#REFERENCE_WINDOWS} windows of its symbol
     * before it ({@link io.tatra.decision.SequenceReadout}); NaN for a symbol's first window. Causal: a window never
     * sees a later one.
     */
    static double[] riskScores(List<io.tatra.dataset.Dataset.Sample> windows, List<HeadOutputs> outputs) {
        Integer[] order = new Integer[windows.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt((Integer i) -> windows.get(i).symbol()).thenComparingInt(i -> windows.get(i).row()));
        double[] risk = new double[order.length];
        Map<Integer, io.tatra.decision.TrailingRank> ranks = new HashMap<>();
        for (int i : order)
            risk[i] = ranks.computeIfAbsent(windows.get(i).symbol(), x -> new io.tatra.decision.TrailingRank(DecisionService.REFERENCE_WINDOWS))
                    .rankThenAdd(outputs.get(i).volatility());
        return risk;
    }

    /** The win-probability member's view of the timing side: P(win) on it, or the other side's when that is likelier. */
    static Vote winVote(HeadOutputs o, int timingSide) {
        if (timingSide == 0) return vote("win", o);
        double p = pSide(o, timingSide);
        return p >= 0.5 ? Vote.of("win", timingSide, p) : Vote.of("win", -timingSide, 1 - p);
    }

    /** The meta-label model's P(win) of a trade on the timing side (its own decision bar, the sizer's decision as the primary record); the other side when below ½. */
    static Vote metaVote(MetaWinMember meta, io.tatra.dataset.SymbolData s, int row, int timingSide, TradeDecision primary) {
        if (timingSide == 0) return Vote.of("win", 0, 0.5);
        double p = meta.pWin(s, row, timingSide, primary);
        return p >= 0.5 ? Vote.of("win", timingSide, p) : Vote.of("win", -timingSide, 1 - p);
    }

    static double pSide(HeadOutputs o, int side) { return pSide(o.pUp(), o.pDown(), side); }

    /** {@code P(side) / (P(up) + P(down))}: the side's share of the two moves (½ when neither has mass). */
    static double pSide(double pUp, double pDown, int side) {
        double moves = pUp + pDown;
        return moves == 0 ? 0.5 : (side > 0 ? pUp : pDown) / moves;
    }
}
