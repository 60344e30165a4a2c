package io.tatra.backtest;

import io.tatra.decision.SkipReason;
import io.tatra.decision.TradeDecision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Why a run's decisions were what they were: how many were long, short and flat, a count per skip reason (the policy's
 * and the holding rules'), and, for a policy that prices its signals, the distribution of the expected return against
 * the round-trip cost. A run with no trades explains itself with these.
 *
 * @param skipped  flat decisions per reason (a flat decision without a reason counts under none)
 * @param heldBack signals the holding rules did not carry out, per reason
 * @param edge     quantiles of |expected return| over all decisions (null when the policy computes none)
 * @param cost     quantiles of the round-trip cost over the same decisions (null likewise)
 * @param edgeAboveCost share of decisions whose |expected return| exceeds their round trip (null when not priced)
 */
public record DecisionStats(long decisions, long longs, long shorts, long flats, Map<SkipReason, Long> skipped, Map<SkipReason, Long> heldBack,
                            Quantiles edge, Quantiles cost, Double edgeAboveCost) {
    public DecisionStats {
        skipped = Map.copyOf(skipped);
        heldBack = Map.copyOf(heldBack);
    }

    /** The 10th, 50th, 80th, 95th and 99th percentiles. */
    public record Quantiles(double p10, double p50, double p80, double p95, double p99) {
        static Quantiles of(double[] v) {
            if (v.length == 0) return null;
            double[] s = v.clone();
            Arrays.sort(s);
            return new Quantiles(at(s, 0.10), at(s, 0.50), at(s, 0.80), at(s, 0.95), at(s, 0.99));
        }

        private static double at(double[] sorted, double q) { return io.tatra.dataset.Normalization.quantile(sorted, q); }
    }

    /** @param decisions per symbol, a slot per bar (null = none); @param heldBack the holding rules' counts (may be empty) */
    public static DecisionStats of(Collection<TradeDecision[]> decisions, Map<SkipReason, Long> heldBack) {
        long n = 0, longs = 0, shorts = 0, flats = 0, above = 0;
        EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        List<Double> edges = new ArrayList<>(), costs = new ArrayList<>();
        for (TradeDecision[] slots : decisions) {
            for (TradeDecision d : slots) {
                if (d == null) continue;
                n++;
                switch (d.action()) {
                    case LONG -> longs++;
                    case SHORT -> shorts++;
                    case FLAT -> {
                        flats++;
                        if (d.skip() != null) skipped.merge(d.skip(), 1L, Long::sum);
                    }
                }
                double e = d.traced("edge"), c = d.traced("cost_round_trip");
                if (Double.isFinite(e) && Double.isFinite(c)) {
                    edges.add(Math.abs(e));
                    costs.add(c);
                    if (Math.abs(e) > c) above++;
                }
            }
        }
        double[] ev = edges.stream().mapToDouble(Double::doubleValue).toArray(), cv = costs.stream().mapToDouble(Double::doubleValue).toArray();
        return new DecisionStats(n, longs, shorts, flats, skipped, heldBack == null ? Map.of() : heldBack, Quantiles.of(ev), Quantiles.of(cv),
                ev.length == 0 ? null : (double) above / ev.length);
    }
}
