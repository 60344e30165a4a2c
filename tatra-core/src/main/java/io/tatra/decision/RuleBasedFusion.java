package io.tatra.decision;

import java.util.Locale;
import java.util.Map;

/**
 * The default fusion, the design document's three steps.
 * <ol>
 *   <li><b>Agreement.</b> Three bullish scores in [−1, 1]: direction {@code d = P(up) − P(down)}, regime
 *       {@code r = P(bull) − P(bear)}, return {@code e = tanh(ret / (σ√h))}. Consistency {@code c = |d + r + e| / (|d| + |r| + |e|)}:
 *       1 when all point the same way, 0 when they cancel. The side is the sign of {@code d + r + e}; it is flat when
 *       c is below {@code minConsistency}, when |d| is below {@code minEdge}, or when the direction head points the other way.</li>
 *   <li><b>Risk.</b> Stop at {@code stopSigmas·σ√h}, take profit at {@code takeSigmas·σ√h}; size
 *       {@code riskPerTrade / stop × c}, capped at {@code maxSize}: higher volatility or weaker agreement → smaller size.</li>
 *   <li><b>Signal.</b> Confidence {@code P(chosen direction) / (P(up) + P(down)) × c}, and a reasoning text that names
 *       which outputs agreed and which disagreed.</li>
 * </ol>
 */
public record RuleBasedFusion(FusionConfig config) implements FusionPolicy {
    public RuleBasedFusion {
        if (config == null) throw new IllegalArgumentException("fusion config is required");
    }

    /** The four core heads read by name (direction, volatility, regime, return); other heads are not used by this rule. */
    @Override
    public TradeDecision decide(io.tatra.forecast.Forecast f, int horizon) { return decide(HeadOutputs.of(f, horizon)); }

    /** The rule on the core heads' outputs. */
    public TradeDecision decide(HeadOutputs o) {
        double hv = o.horizonVolatility();
        double d = o.pUp() - o.pDown(), r = o.pBull() - o.pBear(), e = Math.tanh(o.ret() / hv);
        double sum = d + r + e, mass = Math.abs(d) + Math.abs(r) + Math.abs(e);
        double c = mass == 0 ? 0 : Math.abs(sum) / mass;
        int side = sum > 0 ? 1 : sum < 0 ? -1 : 0;
        double stop = config.stopSigmas() * hv, take = config.takeSigmas() * hv;
        double pSide = side > 0 ? o.pUp() : side < 0 ? o.pDown() : 0, pMoves = o.pUp() + o.pDown();
        double confidence = pMoves == 0 ? 0 : pSide / pMoves * c;

        Map<String, Double> trace = o.trace();
        trace.put("expected_return", o.ret());
        trace.put("horizon_volatility", hv);
        trace.put("direction_score", d);
        trace.put("regime_score", r);
        trace.put("return_score", e);
        trace.put("consistency", c);
        trace.put("stop_loss", stop);
        trace.put("take_profit", take);

        String why = agreement(side, d, r, e, o);
        String skip = null;
        SkipReason reason = null;
        if (Math.max(stop, take) >= 1) {
            reason = SkipReason.IMPLAUSIBLE_VOLATILITY;
            skip = String.format(Locale.ROOT, "implausible volatility forecast %.2f%% per bar: a stop of %.0f%% or take profit of %.0f%% is not a price level",
                    100 * o.volatility(), 100 * stop, 100 * take);
        } else if (side == 0 || Math.abs(d) < config.minEdge()) {
            reason = SkipReason.NO_DIRECTIONAL_EDGE;
            skip = String.format(Locale.ROOT, "no directional edge (|P(up) − P(down)| = %.2f < %.2f)", Math.abs(d), config.minEdge());
        } else if (Math.signum(d) != side) {
            reason = SkipReason.DIRECTION_AGAINST_OTHERS;
            skip = "the direction head points against regime and return";
        } else if (c < config.minConsistency()) {
            reason = SkipReason.LOW_CONSISTENCY;
            skip = String.format(Locale.ROOT, "consistency %.2f below %.2f: the outputs contradict each other", c, config.minConsistency());
        }
        if (skip != null) {
            trace.put("size", 0.0);
            return new TradeDecision(Action.FLAT, confidence, 0, stop, take, c, why + " Flat: " + skip + ".", trace, reason);
        }
        double raw = config.riskPerTrade() / stop * c, size = Math.min(raw, config.maxSize());
        trace.put("size_before_cap", raw);
        trace.put("size", size);
        Action a = side > 0 ? Action.LONG : Action.SHORT;
        String risk = String.format(Locale.ROOT, " Volatility %.2f%% per bar (%.2f%% over %d bars): stop %.2f%%, take profit %.2f%%, size %.1f%% of capital"
                        + " for a %.1f%% risk budget × consistency %.2f%s.", 100 * o.volatility(), 100 * hv, o.horizon(), 100 * stop, 100 * take,
                100 * size, 100 * config.riskPerTrade(), c, raw > size ? " (capped by the leverage limit)" : "");
        return new TradeDecision(a, confidence, size, stop, take, c, why + risk, trace);
    }

    /** A head whose bullish score is smaller than this in size takes no side in the reasoning (a mostly sideways head). */
    static final double NO_VIEW = 0.1;

    private static String agreement(int side, double d, double r, double e, HeadOutputs o) {
        String dir = String.format(Locale.ROOT, "direction %s (up %.0f%%, down %.0f%%, sideways %.0f%%)", d >= 0 ? "up" : "down", 100 * o.pUp(), 100 * o.pDown(), 100 * o.pSide());
        double pSideways = Math.max(0, 1 - o.pBull() - o.pBear());
        String reg = String.format(Locale.ROOT, "regime %s (bull %.0f%%, bear %.0f%%, sideways %.0f%%)", r >= 0 ? "bull" : "bear", 100 * o.pBull(), 100 * o.pBear(), 100 * pSideways);
        String ret = String.format(Locale.ROOT, "return %+.2f%%", 100 * o.ret());
        StringBuilder agree = new StringBuilder(), against = new StringBuilder(), none = new StringBuilder();
        String[] names = {dir, reg, ret};
        double[] s = {d, r, e};
        for (int i = 0; i < 3; i++) {
            StringBuilder b = Math.abs(s[i]) < NO_VIEW ? none : side != 0 && Math.signum(s[i]) == side ? agree : against;
            b.append(b.isEmpty() ? "" : ", ").append(names[i]);
        }
        String lean = side > 0 ? "bullish" : side < 0 ? "bearish" : "neutral";
        String noView = none.isEmpty() ? "" : " No view from: " + none + ".";
        if (agree.isEmpty() && against.isEmpty()) return "No head takes a side." + noView;
        if (against.isEmpty()) return (none.isEmpty() ? "All agree, " : "Leaning ") + lean + ": " + agree + "." + noView;
        if (agree.isEmpty()) return "No side: " + against + "." + noView;
        return "Leaning " + lean + ": " + agree + "; disagreeing: " + against + "." + noView;
    }
}
