package io.tatra.ppo;

import java.util.function.ToIntBiFunction;

/** Runs a fixed rule or a trained policy over consecutive, non-overlapping episodes of a sizing environment. */
public final class Episodes {
    private Episodes() {}

    /** A rule's action at a bar of the environment's frame, given the observation there. */
    @FunctionalInterface
    public interface Rule extends ToIntBiFunction<Integer, double[]> {}

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
        Outcome total = Outcome.NONE;
        int len = env.config().episodeBars();
        for (int start = env.from(); start + len < env.to(); start += len) {
            double[] obs = env.resetAt(start);
            while (true) {
                Env.Step s = env.step(rule.applyAsInt(env.bar(), obs));
                if (s.done()) break;
                obs = s.observation();
            }
            var r = env.session().finish();
            total = total.plus(new Outcome(1, Math.log(r.finalEquity() / r.capital()), r.feesPaid(), r.slippagePaid(), r.fundingPaid(), r.trades().size()));
        }
        return total;
    }

    /** The trained policy acting greedily. */
    public static Rule greedy(ActorCritic pi) { return (bar, obs) -> pi.evaluate(obs).greedy()[0]; }
}
