package io.tatra.ppo;

import io.tatra.backtest.BacktestResult;
import io.tatra.backtest.BacktestSession;

import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.ToIntBiFunction;

/** Runs a fixed rule or a trained policy over consecutive, non-overlapping episodes (or trades) of an environment. */
public final class Episodes {
    private Episodes() {}

    /** A rule's action at a bar of the environment's frame, given the observation there. */
    @FunctionalInterface
    public interface Rule extends ToIntBiFunction<Integer, double[]> {}

    /** A rule's action with several components (one per symbol of a portfolio) at a bar, given the observation there. */
    @FunctionalInterface
    public interface MultiRule extends BiFunction<Integer, double[], int[]> {}

    /** What a run of episodes earned. */
    public record Outcome(int episodes, double logReturn, double fees, double slippage, double funding, int trades) {
        public Outcome plus(Outcome o) {
            return new Outcome(episodes + o.episodes, logReturn + o.logReturn, fees + o.fees, slippage + o.slippage, funding + o.funding, trades + o.trades);
        }

        static final Outcome NONE = new Outcome(0, 0, 0, 0, 0, 0);
    }

    /**
     * Every whole episode from the environment's first bar on, one after another, acting by {@code rule}; each ends
     * with the position closed at its last close (costs included), as a backtest of that stretch would.
     */
    public static Outcome run(SizingEnv env, Rule rule) {
        return run(env, env.config().episodeBars(), env.from(), env.to(), env::resetAt, env::session, (bar, obs) -> new int[]{rule.applyAsInt(bar, obs)}, env::bar);
    }

    /** The same for a portfolio: every whole episode, one after another, all symbols closed at each episode's end. */
    public static Outcome run(PortfolioEnv env, MultiRule rule) {
        return run(env, env.config().episodeBars(), env.from(), env.to(), env::resetAt, env::session, rule, env::bar);
    }

    /** The same for risk management: every whole episode, one after another. */
    public static Outcome run(RiskEnv env, MultiRule rule) {
        return run(env, env.config().episodeBars(), env.from(), env.to(), env::resetAt, env::session, rule, env::bar);
    }

    private static Outcome run(Env env, int len, int from, int to, IntFunction<double[]> resetAt, java.util.function.Supplier<BacktestSession> session, MultiRule rule,
                               java.util.function.IntSupplier bar) {
        Outcome total = Outcome.NONE;
        for (int start = from; start + len < to; start += len) {
            double[] obs = resetAt.apply(start);
            while (true) {
                Env.Step s = env.step(rule.apply(bar.getAsInt(), obs));
                if (s.done()) break;
                obs = s.observation();
            }
            BacktestResult r = session.get().finish();
            total = total.plus(new Outcome(1, Math.log(r.finalEquity() / r.capital()), r.feesPaid(), r.slippagePaid(), r.fundingPaid(), r.trades().size()));
        }
        return total;
    }

    /**
     * Trades of an exit environment, one after another from its first entry: each starts at the first entry signal
     * after the previous trade's longest possible end, so every rule manages the same trades (a paired comparison).
     */
    public static Outcome runTrades(ExitEnv env, MultiRule rule) {
        Outcome total = Outcome.NONE;
        for (int start = env.nextEntry(0); start >= 0; start = env.nextEntry(start + env.config().maxBars() + 2)) {
            double[] obs;
            try {
                obs = env.resetAt(start);
            } catch (IllegalArgumentException tooLate) {
                break;
            }
            while (true) {
                Env.Step s = env.step(rule.apply(env.bar(), obs));
                if (s.done()) break;
                obs = s.observation();
            }
            BacktestResult r = env.session().finish();
            total = total.plus(new Outcome(1, Math.log(r.finalEquity() / r.capital()), r.feesPaid(), r.slippagePaid(), r.fundingPaid(), r.trades().size()));
        }
        return total;
    }

    /** The trained policy acting greedily. */
    public static Rule greedy(ActorCritic pi) { return (bar, obs) -> pi.evaluate(obs).greedy()[0]; }

    /** The trained policy acting greedily on every component. */
    public static MultiRule greedyAll(ActorCritic pi) { return (bar, obs) -> pi.evaluate(obs).greedy(); }
}
