package io.tatra.decision;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fusion that trades only what pays for itself (issue 16). The expected return over the horizon comes from the
 * calibrated direction forecast through the {@link EdgeModel} fitted on the validation part; a side is taken only when
 * <ol>
 *   <li>the edge model showed skill on validation (slope t-statistic ≥ {@link CostAwareConfig#minSkillT}),</li>
 *   <li>the expected return exceeds the round trip: two legs (taker fee + slippage) and the expected funding, and</li>
 *   <li>it reaches the entry level, the validation part's {@link CostAwareConfig#entryQuantile} quantile of |expected return|.</li>
 * </ol>
 * Stops, take profits and the size come from the volatility forecast as in {@link RuleBasedFusion} (a fixed risk budget
 * over the stop distance, capped). The trace carries {@code edge}, {@code exit_level} and {@code flip_level} for the
 * holding rules, which keep a position through weaker signals (hysteresis), for a minimum time, and flip only when the
 * other side pays both legs.
 */
public record CostAwareFusion(FusionConfig risk, EdgeModel edge, TradeCosts costs, double entryLevel, double minSkillT) implements FusionPolicy {
    public CostAwareFusion {
        if (risk == null || edge == null || costs == null) throw new IllegalArgumentException("risk settings, edge model and costs are required");
        if (!(entryLevel >= 0) || !Double.isFinite(entryLevel)) throw new IllegalArgumentException("entry level must be finite and >= 0, got " + entryLevel);
    }

    /**
     * Fits the edge model and the entry level on validation windows.
     *
     * @param validation the heads' (calibrated) outputs on the validation windows
     * @param realized   each window's realized log return over the horizon (NaN where unknown)
     */
    public static CostAwareFusion fit(FusionConfig risk, CostAwareConfig cfg, TradeCosts costs, List<HeadOutputs> validation, double[] realized) {
        if (validation.size() != realized.length) throw new IllegalArgumentException(validation.size() + " validation forecasts for " + realized.length + " returns");
        int n = validation.size();
        double[] d = new double[n], z = new double[n];
        int h = 1;
        for (int i = 0; i < n; i++) {
            HeadOutputs o = validation.get(i);
            h = o.horizon();
            d[i] = o.pUp() - o.pDown();
            z[i] = realized[i] / o.horizonVolatility();
        }
        EdgeModel edge = EdgeModel.fit(d, z, h);
        double[] size = new double[n];
        for (int i = 0; i < n; i++) size[i] = Math.abs(edge.expectedReturn(validation.get(i)));
        Arrays.sort(size);
        return new CostAwareFusion(risk, edge, costs, n == 0 ? 0 : io.tatra.dataset.Normalization.quantile(size, cfg.entryQuantile()), cfg.minSkillT());
    }

    @Override
    public TradeDecision decide(io.tatra.forecast.Forecast f, int horizon) { return decide(HeadOutputs.of(f, horizon)); }

    public TradeDecision decide(HeadOutputs o) {
        double hv = o.horizonVolatility(), e = edge.expectedReturn(o);
        int side = e > 0 ? 1 : e < 0 ? -1 : 0;
        double stop = risk.stopSigmas() * hv, take = risk.takeSigmas() * hv;
        double cost = costs.roundTrip(side == 0 ? 1 : side, o.horizon(), o.volatility()), net = Math.abs(e) - cost;
        double flip = Math.max(entryLevel, cost + costs.leg(o.volatility()));
        Map<String, Double> trace = o.trace();
        trace.put("horizon_volatility", hv);
        trace.put("edge_slope", edge.slope());
        trace.put("edge_t", edge.tStat());
        trace.put("edge", e);
        trace.put("cost_round_trip", cost);
        trace.put("net_edge", net);
        trace.put("entry_level", entryLevel);
        trace.put("exit_level", -costs.leg(o.volatility()));
        trace.put("flip_level", flip);
        trace.put("stop_loss", stop);
        trace.put("take_profit", take);
        double pMoves = o.pUp() + o.pDown(), confidence = side == 0 || pMoves == 0 ? 0 : (side > 0 ? o.pUp() : o.pDown()) / pMoves;
        String what = String.format(Locale.ROOT, "Expected return %+.3f%% over %d bars (direction up %.0f%%, down %.0f%%; volatility %.2f%% per bar; validated slope %.2f, t %.1f)"
                + " against a round trip of %.3f%%.", 100 * e, o.horizon(), 100 * o.pUp(), 100 * o.pDown(), 100 * o.volatility(), edge.slope(), edge.tStat(), 100 * cost);
        SkipReason skip = null;
        String why = null;
        if (Math.max(stop, take) >= 1) {
            skip = SkipReason.IMPLAUSIBLE_VOLATILITY;
            why = String.format(Locale.ROOT, "a stop of %.0f%% is not a price level", 100 * stop);
        } else if (!(edge.slope() > 0) || !(edge.tStat() >= minSkillT)) {
            skip = SkipReason.NO_VALIDATED_SKILL;
            why = String.format(Locale.ROOT, "on validation the direction forecast did not predict returns (slope %.3f, t %.2f < %.1f)", edge.slope(), edge.tStat(), minSkillT);
        } else if (net <= 0) {
            skip = SkipReason.EDGE_BELOW_COST;
            why = "the expected return does not pay the round trip";
        } else if (Math.abs(e) < entryLevel) {
            skip = SkipReason.BELOW_ENTRY_THRESHOLD;
            why = String.format(Locale.ROOT, "below the entry level %.3f%% (validation quantile)", 100 * entryLevel);
        }
        if (skip != null) {
            trace.put("size", 0.0);
            return new TradeDecision(Action.FLAT, confidence, 0, stop, take, 1, what + " Flat: " + why + ".", trace, skip);
        }
        double raw = risk.riskPerTrade() / stop, size = Math.min(raw, risk.maxSize());
        trace.put("size_before_cap", raw);
        trace.put("size", size);
        String sizing = String.format(Locale.ROOT, " %s: net edge %.3f%%; stop %.2f%%, take profit %.2f%%, size %.1f%% of capital for a %.1f%% risk budget%s.",
                side > 0 ? "Long" : "Short", 100 * net, 100 * stop, 100 * take, 100 * size, 100 * risk.riskPerTrade(), raw > size ? " (capped by the leverage limit)" : "");
        return new TradeDecision(side > 0 ? Action.LONG : Action.SHORT, confidence, size, stop, take, 1, what + sizing, trace, null);
    }
}
