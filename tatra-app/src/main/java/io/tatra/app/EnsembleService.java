package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.decision.FusionPolicy;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.TradeDecision;
import io.tatra.decision.ensemble.Ensemble;
import io.tatra.decision.ensemble.EnsembleConfig;
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
 */
public final class EnsembleService {
    private EnsembleService() {}

    /**
     * @param base   the backtest: its model is the timing member, its policy the sizer
     * @param win    the win-probability member (a LightGBM model by the document; any saved model works)
     * @param others further voting members (may be empty)
     */
    public record Request(BacktestRequest base, Path win, List<Path> others, EnsembleConfig config) {
        public Request {
            if (base == null || base.model() == null) throw new TatraException("the ensemble needs --model (the timing member) and trades its period");
            if (win == null) throw new TatraException("the ensemble needs a win-probability model (--win-model DIR)");
            others = others == null ? List.of() : List.copyOf(others);
            if (config == null) throw new IllegalArgumentException("ensemble config is required");
        }
    }

    public static BacktestService.Run run(Path home, Request r, Consumer<String> log) {
        BacktestRequest req = r.base();
        int h = req.data().horizon();
        Dataset ds = req.data().unsplit(home, log);
        var card = ModelStore.card(req.model());
        String inSample = BacktestService.inSample(card, ds, req.model(), log);
        FusionPolicy sizer = req.policySpec(home).fit(req.model(), card, log);
        PolicyFits.Forecasted timing = PolicyFits.forecasts(req.model(), ds);
        List<Path> members = new ArrayList<>(List.of(r.win()));
        members.addAll(r.others());
        List<List<HeadOutputs>> outs = new ArrayList<>();
        for (Path m : members) {
            String w = BacktestService.inSample(ModelStore.card(m), ds, m, log);
            if (w != null && inSample == null) inSample = w;
            PolicyFits.Forecasted f = PolicyFits.forecasts(m, ds);
            if (f.windows().size() != timing.windows().size())
                throw new TatraException("model " + m + " forecasts " + f.windows().size() + " windows of this period, the timing model " + timing.windows().size()
                        + ": ensemble members must share the window and feature schema");
            outs.add(ModelSignals.validation(f.forecasts(), f.windows(), h).outputs());
        }
        List<HeadOutputs> t = ModelSignals.validation(timing.forecasts(), timing.windows(), h).outputs();
        Ensemble ens = new Ensemble(r.config());
        Map<Symbol, TradeDecision[]> decisions = new HashMap<>();
        for (int k = 0; k < t.size(); k++) {
            Dataset.Sample s = timing.windows().list().get(k);
            var bars = ds.symbols().get(s.symbol()).bars();
            HeadOutputs o = t.get(k);
            Vote tv = vote("timing", o);
            TradeDecision sized = sizer.decide(timing.forecasts().window(k), h);
            int side = sized.action().sign();
            // a flat sizer proposes no position: its cost gate holds for the ensemble too
            Vote sv = new Vote("sizer", side, side == 0 ? 0.5 : pSide(o, side), Double.NaN, sized.size());
            Vote wv = winVote(outs.get(0).get(k), tv.side());
            List<Vote> rest = new ArrayList<>();
            for (int m = 1; m < outs.size(); m++) rest.add(vote("also" + m, outs.get(m).get(k)));
            decisions.computeIfAbsent(bars.symbol(), x -> new TradeDecision[bars.size()])[s.row()] = ens.decide(tv, wv, sv, rest, sized.stopLoss(), sized.takeProfit());
        }
        String variant = BacktestService.variant(req) + " ensemble=" + r.config() + " win=" + r.win().toAbsolutePath().normalize() + " others=" + r.others();
        return BacktestService.trade(home, req, ds, decisions, ModelSignals.forecasts(timing.forecasts(), timing.windows()), inSample, variant, log);
    }

    /** A model's direction as a vote: the likelier of up and down, with its share of the two. */
    static Vote vote(String name, HeadOutputs o) {
        int side = o.pUp() > o.pDown() ? 1 : o.pUp() < o.pDown() ? -1 : 0;
        return Vote.of(name, side, side == 0 ? 0.5 : pSide(o, side));
    }

    /** The win-probability member's view of the timing side: P(win) on it, or the other side's when that is likelier. */
    static Vote winVote(HeadOutputs o, int timingSide) {
        if (timingSide == 0) return vote("win", o);
        double p = pSide(o, timingSide);
        return p >= 0.5 ? Vote.of("win", timingSide, p) : Vote.of("win", -timingSide, 1 - p);
    }

    static double pSide(HeadOutputs o, int side) { return pSide(o.pUp(), o.pDown(), side); }

    /** {@code P(side) / (P(up) + P(down))}: the side's share of the two moves (½ when neither has mass). */
    static double pSide(double pUp, double pDown, int side) {
        double moves = pUp + pDown;
        return moves == 0 ? 0.5 : (side > 0 ? pUp : pDown) / moves;
    }
}
