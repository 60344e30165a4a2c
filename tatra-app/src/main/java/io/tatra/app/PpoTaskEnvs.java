package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.backtest.BacktestConfig;
import io.tatra.dataset.Dataset;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.ppo.Env;
import io.tatra.ppo.Episodes;
import io.tatra.ppo.ExitEnv;
import io.tatra.ppo.MultiEnv;
import io.tatra.ppo.PortfolioEnv;
import io.tatra.ppo.RiskEnv;
import io.tatra.ppo.SizingEnv;
import io.tatra.risk.RiskLimits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The environments, observation names, action meanings and baselines of each PPO task on a model's signals: one
 * environment per symbol (sizing, exits, risk; episodes drawn across them) or one over all symbols aligned in time
 * (portfolio). Baselines are rules in the same environment, so PPO and they pay the same costs on the same bars.
 */
final class PpoTaskEnvs {
    private PpoTaskEnvs() {}

    /** What the agent sees of the model at each bar (see {@link SizingService.Signals#row}). */
    static final List<String> SIGNALS = List.of("direction_x10", "edge_in_round_trips", "bull_minus_bear", "volatility_over_median_minus_1");
    /** The sizing task's position state after the signals ({@link SizingEnv}). */
    static final List<String> SIZING_STATE = List.of("position", "unrealized_pnl", "bars_in_trade", "drawdown", "episode_return");
    /** The risk task's state after the signals ({@link RiskEnv}). */
    static final List<String> EXIT_STATE = List.of("held_side", "share_held", "return_since_entry_vol", "bars_held_over_max", "giveback_vol", "stop_distance_vol",
            "entry_rule_agrees");
    static final List<String> RISK_STATE = List.of("position", "drawdown", "episode_return", "base_target", "base_win_rate_minus_half", "log_vol_ratio_24_240");

    /**
     * @param baselines per name, the rule for symbol {@code s}'s environment (the portfolio's ignores {@code s})
     * @param evaluate  runs a rule, made for each symbol, over the test stretch, summed
     */
    record Task(Env train, int trainEpisodes, Map<String, PerSymbol> baselines, PpoTaskService.Evaluator evaluate, List<String> observation,
                List<List<String>> actions, Map<String, Object> environment) {}

    /** A rule that depends on the symbol: built per symbol's environment. */
    interface PerSymbol extends IntFunction<Episodes.MultiRule> {}

    static Task build(PpoTaskService.Request r, PpoTaskService.Prepared p) {
        int e = r.episodeBars();
        Task t = switch (r.task()) {
            case SIZING -> sizing(r, p, e);
            case EXITS -> exits(r, p, e);
            case RISK -> risk(r, p, e);
            case PORTFOLIO -> portfolio(r, p, e);
        };
        // the scales of the signals, so a strategy acting on the saved policy sees them as in training
        Map<String, Object> env = new LinkedHashMap<>(t.environment());
        env.put("medianVolatility", p.medianVolatility());
        env.put("roundTrip", p.policy().costs().roundTrip(1, p.horizon()));
        return new Task(t.train(), t.trainEpisodes(), t.baselines(), t.evaluate(), t.observation(), t.actions(), env);
    }

    static BacktestConfig backtest(PpoTaskService.Request r, double leverage) {
        return BacktestConfig.defaults().withCosts(r.costs()).withRisk(RiskLimits.leverage(leverage, leverage));
    }

    /** Per symbol and bar, the cost-aware policy's side (0 where there is no forecast). */
    static int[][] sides(PpoTaskService.Prepared p, SizingService.Signals sig) { return sides(p, sig, PpoTaskService.Side.COST_AWARE); }

    /** Per symbol and bar, the side by {@code rule} (0 where there is no forecast). */
    static int[][] sides(PpoTaskService.Prepared p, SizingService.Signals sig, PpoTaskService.Side rule) {
        int[][] out = new int[sig.outs.length][];
        for (int s = 0; s < out.length; s++) {
            out[s] = new int[sig.outs[s].length];
            for (int i = 0; i < out[s].length; i++) {
                var o = sig.outs[s][i];
                if (o != null) out[s][i] = rule == PpoTaskService.Side.COST_AWARE ? p.policy().decide(o).action().sign() : (int) Math.signum(o.pUp() - o.pDown());
            }
        }
        return out;
    }

    /** Per symbol, an environment over its longest run of bars with forecasts (null where too short for one episode). */
    interface Maker<E> {
        E make(int s, MarketFrame frame, double[][] rows, int[] side, double[] sigma, int from, int to);
    }

    static <E> List<E> perSymbol(PpoTaskService.Prepared p, PpoTaskService.Stretch st, PpoTaskService.Side rule, int minBars, Maker<E> maker) {
        SizingService.Signals sig = st.signals();
        int[][] sides = sides(p, sig, rule);
        List<E> out = new ArrayList<>();
        for (int s = 0; s < sig.rows.length; s++) {
            int[] run = sig.longestRun(s);
            if (run[1] - run[0] < minBars) {
                out.add(null);
                continue;
            }
            double[] sigma = new double[sig.outs[s].length];
            Arrays.fill(sigma, 1);
            for (int i = run[0]; i < run[1]; i++) sigma[i] = sig.outs[s][i].volatility();
            out.add(maker.make(s, st.dataset().symbols().get(s).frame(), sig.rows[s], sides[s], sigma, run[0], run[1]));
        }
        return out;
    }

    static <E extends Env & MultiEnv.Counted> MultiEnv<E> training(List<E> envs, String task, long seed) {
        List<E> some = envs.stream().filter(java.util.Objects::nonNull).toList();
        if (some.isEmpty()) throw new TatraException("no symbol has enough bars with forecasts in PPO's training stretch for the " + task + " task");
        return new MultiEnv<>(some, seed);
    }

    static List<String> names(List<String> state) {
        List<String> n = new ArrayList<>(SIGNALS);
        n.addAll(state);
        return n;
    }

    private static Task sizing(PpoTaskService.Request r, PpoTaskService.Prepared p, int e) {
        SizingEnv.Config cfg = SizingEnv.Config.of(backtest(r, 1), e);
        long seed = r.ppo().seed();
        Maker<SizingEnv> make = (s, f, rows, side, sigma, a, b) -> new SizingEnv(cfg, f, rows, a, b, seed + s);
        MultiEnv<SizingEnv> train = training(perSymbol(p, p.train(), PpoTaskService.Side.COST_AWARE, e + 2, make), "sizing", seed);
        List<SizingEnv> test = perSymbol(p, p.test(), PpoTaskService.Side.COST_AWARE, e + 2, make);
        int[][] sides = sides(p, p.test().signals());
        Map<String, PerSymbol> rules = new LinkedHashMap<>();
        rules.put("flat", s -> (bar, obs) -> new int[]{2});
        rules.put("long", s -> (bar, obs) -> new int[]{4});
        rules.put("cost-aware side, full size", s -> (bar, obs) -> new int[]{2 + 2 * sides[s][bar]});
        return task(train, rules, test, (env, rule) -> Episodes.run(env, (bar, obs) -> rule.apply(bar, obs)[0]),
                names(SIZING_STATE), List.of(List.of("-1", "-0.5", "0", "0.5", "1")),
                PpoTaskService.settings("episodeBars", e, "fractions", cfg.fractions(), "leverage", 1));
    }

    private static Task exits(PpoTaskService.Request r, PpoTaskService.Prepared p, int e) {
        ExitEnv.Config cfg = new ExitEnv.Config(backtest(r, 1), 1, e, new double[]{1, 2, 4});
        long seed = r.ppo().seed();
        Maker<ExitEnv> make = (s, f, rows, side, sigma, a, b) -> new ExitEnv(cfg, f, rows, side, sigma, a, b, seed + s);
        List<ExitEnv> trainEnvs = perSymbol(p, p.train(), r.side(), e + 3, make);
        if (trainEnvs.stream().filter(java.util.Objects::nonNull).mapToInt(ExitEnv::entries).sum() == 0)
            throw new TatraException("the " + r.side().label() + " side enters no trade in PPO's training stretch " + p.train().from() + " .. " + p.train().to()
                    + (r.side() == PpoTaskService.Side.COST_AWARE ? " (no validated skill, or no edge above its costs): the exit task has nothing to manage; --side direction enters on the direction head" : ""));
        MultiEnv<ExitEnv> train = training(trainEnvs, "exits", seed);
        List<ExitEnv> test = perSymbol(p, p.test(), r.side(), e + 3, make);
        int w = SIGNALS.size(), h = p.horizon();
        Map<String, PerSymbol> rules = new LinkedHashMap<>();
        rules.put("hold to the end (" + e + " bars)", s -> (bar, obs) -> new int[]{0, 0});
        rules.put("exit after the horizon (" + h + " bars)", s -> (bar, obs) -> new int[]{Math.round(obs[w + 3] * e) + 1 >= h ? 2 : 0, 0});
        rules.put("exit when the " + r.side().label() + " side stops agreeing", s -> (bar, obs) -> new int[]{obs[w + 6] < 1 ? 2 : 0, 0});
        rules.put("trailing stop at 2 volatilities", s -> (bar, obs) -> new int[]{0, 2});
        return task(train, rules, test, Episodes::runTrades,
                names(EXIT_STATE),
                List.of(List.of("hold", "close half", "close all"), List.of("keep stop", "trail 1 vol", "trail 2 vol", "trail 4 vol")),
                PpoTaskService.settings("maxBars", e, "entrySize", 1, "trailVolatilities", cfg.trailSigmas(), "entries", r.side().label()));
    }

    private static Task risk(PpoTaskService.Request r, PpoTaskService.Prepared p, int e) {
        RiskEnv.Config cfg = new RiskEnv.Config(backtest(r, 1.5), new double[]{0, 0.25, 0.5, 1, 1.5}, 1.5, e, 48, 0.2);
        long seed = r.ppo().seed();
        Maker<RiskEnv> make = (s, f, rows, side, sigma, a, b) -> new RiskEnv(cfg, f, rows, Arrays.stream(side).asDoubleStream().toArray(), a, b, seed + s);
        MultiEnv<RiskEnv> train = training(perSymbol(p, p.train(), r.side(), e + 2, make), "risk", seed);
        List<RiskEnv> test = perSymbol(p, p.test(), r.side(), e + 2, make);
        int w = SIGNALS.size();
        Map<String, PerSymbol> rules = new LinkedHashMap<>();
        rules.put("base (" + r.side().label() + " side) at full size", s -> (bar, obs) -> new int[]{3});
        rules.put("base at half size", s -> (bar, obs) -> new int[]{2});
        rules.put("flat", s -> (bar, obs) -> new int[]{0});
        rules.put("halve after a 5 % drawdown", s -> (bar, obs) -> new int[]{obs[w + 1] < -0.05 ? 2 : 3});
        return task(train, rules, test, Episodes::run,
                names(RISK_STATE),
                List.of(List.of("0", "0.25", "0.5", "1", "1.5")),
                PpoTaskService.settings("episodeBars", e, "scales", cfg.scales(), "maxLeverage", 1.5, "winRateBars", 48, "rebalanceBand", 0.2, "base", r.side().label()));
    }

    private static <E extends Env & MultiEnv.Counted> Task task(MultiEnv<E> train, Map<String, PerSymbol> rules, List<E> test,
                                                                java.util.function.BiFunction<E, Episodes.MultiRule, Episodes.Outcome> run,
                                                                List<String> observation, List<List<String>> actions, Map<String, Object> settings) {
        PpoTaskService.Evaluator eval = rule -> {
            Episodes.Outcome total = new Episodes.Outcome(0, 0, 0, 0, 0, 0);
            for (int s = 0; s < test.size(); s++) if (test.get(s) != null) total = total.plus(run.apply(test.get(s), rule.apply(s)));
            return total;
        };
        return new Task(train, train.distinctEpisodes(), rules, eval, observation, actions, settings);
    }

    private static Task portfolio(PpoTaskService.Request r, PpoTaskService.Prepared p, int e) {
        int corr = 96;
        PortfolioEnv.Config cfg = new PortfolioEnv.Config(backtest(r, 1), 1, e, corr);
        Aligned tr = Aligned.of(p, p.train(), corr + e + 2), te = Aligned.of(p, p.test(), corr + e + 2);
        PortfolioEnv train = new PortfolioEnv(cfg, tr.frames, tr.rows, corr, tr.size, r.ppo().seed());
        PortfolioEnv test = new PortfolioEnv(cfg, te.frames, te.rows, corr, te.size, 0);
        int n = te.frames.size();
        Map<String, PerSymbol> rules = new LinkedHashMap<>();
        rules.put("flat", all -> (bar, obs) -> filled(n, 1));
        rules.put("equal-weight long", all -> (bar, obs) -> filled(n, 2));
        rules.put("cost-aware side per symbol, equal weights", all -> (bar, obs) -> {
            int[] a = new int[n];
            for (int s = 0; s < n; s++) a[s] = 1 + te.sides[s][bar];
            return a;
        });
        List<String> obs = new ArrayList<>();
        List<String> syms = te.frames.stream().map(f -> f.bars().symbol().value()).toList();
        for (String s : syms) {
            for (String x : SIGNALS) obs.add(s + "." + x);
            obs.add(s + ".weight");
            obs.add(s + ".unrealized_pnl");
        }
        for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) obs.add("corr." + syms.get(a) + "." + syms.get(b));
        obs.addAll(List.of("gross_exposure", "drawdown", "episode_return"));
        List<List<String>> actions = new ArrayList<>();
        for (int s = 0; s < n; s++) actions.add(List.of("short", "flat", "long"));
        return new Task(train, train.distinctEpisodes(), rules, rule -> Episodes.run(test, rule.apply(0)), obs, actions,
                PpoTaskService.settings("episodeBars", e, "grossExposure", 1, "correlationBars", corr, "symbols", syms));
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    /** The symbols cut to the longest stretch where all have forecasts and share their bars' open times. */
    record Aligned(List<MarketFrame> frames, double[][][] rows, int[][] sides, int size) {
        static Aligned of(PpoTaskService.Prepared p, PpoTaskService.Stretch st, int minBars) {
            SizingService.Signals sig = st.signals();
            Dataset ds = st.dataset();
            int m = sig.rows.length;
            long t0 = Long.MIN_VALUE, t1 = Long.MAX_VALUE;
            for (int s = 0; s < m; s++) {
                int[] run = sig.longestRun(s);
                if (run[1] <= run[0]) throw new TatraException(ds.symbols().get(s).bars().symbol() + " has no forecasts in " + st.from() + " .. " + st.to());
                BarSeries b = ds.symbols().get(s).bars();
                t0 = Math.max(t0, b.openTimeMillis(run[0]));
                t1 = Math.min(t1, b.openTimeMillis(run[1] - 1));
            }
            int[][] all = PpoTaskEnvs.sides(p, sig);
            List<MarketFrame> frames = new ArrayList<>();
            double[][][] rows = new double[m][][];
            int[][] sides = new int[m][];
            int size = -1;
            for (int s = 0; s < m; s++) {
                MarketFrame f = ds.symbols().get(s).frame();
                BarSeries b = f.bars();
                int i0 = b.lowerBound(t0), i1 = b.lowerBound(t1) + 1;
                if (size >= 0 && i1 - i0 != size || i1 - i0 < minBars)
                    throw new TatraException("the symbols do not share " + minBars + "+ consecutive bars with forecasts in " + st.from() + " .. " + st.to()
                            + " (" + b.symbol() + " has " + Math.max(0, i1 - i0) + "; a gap or a later listing): the portfolio task needs them aligned");
                size = i1 - i0;
                long from = t0, to = t1;
                frames.add(new MarketFrame(b.range(i0, i1), f.funding().stream().filter(x -> x.time().toEpochMilli() >= from && x.time().toEpochMilli() <= to).toList(),
                        List.of(), List.of()));
                rows[s] = Arrays.copyOfRange(sig.rows[s], i0, i1);
                sides[s] = Arrays.copyOfRange(all[s], i0, i1);
            }
            return new Aligned(frames, rows, sides, size);
        }
    }
}
