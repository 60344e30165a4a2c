package io.tatra.decision.ensemble;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ensemble thresholds set from the validation part instead of fixed numbers (the field {@code fitQuantiles} of an
 * ensemble config file): each given threshold becomes that quantile of its quantity over the validation windows where
 * the timing member has a side — the timing confidence ({@code entryConfidence}, {@code strongTiming}), the win member's
 * P(win) on the timing side ({@code winProbability}), the ensemble confidence ({@code fullConfidence},
 * {@code halfConfidence}). So the document's structure keeps working when a model's confidences are compressed near ½
 * (hourly crypto direction), where the document's 0.65–0.75 are almost never reached. A null field keeps the fixed value.
 */
public record EnsembleQuantiles(Double entryConfidence, Double winProbability, Double fullConfidence, Double halfConfidence, Double strongTiming) {
    public EnsembleQuantiles {
        for (Double q : new Double[]{entryConfidence, winProbability, fullConfidence, halfConfidence, strongTiming})
            if (q != null && !(q > 0 && q < 1)) throw new IllegalArgumentException("every fitted quantile must be in (0, 1), got " + q);
        if (entryConfidence == null && winProbability == null && fullConfidence == null && halfConfidence == null && strongTiming == null)
            throw new IllegalArgumentException("fitQuantiles names no threshold to fit");
    }

    /**
     * The thresholds of {@code base} with the quantiled ones replaced; {@code timing}, {@code win} and {@code ensemble}
     * are the validation windows' timing confidence, P(win) on the timing side and ensemble confidence (timing side set).
     * The half tier's threshold is kept at or below the full tier's.
     */
    public EnsembleConfig fit(EnsembleConfig base, double[] timing, double[] win, double[] ensemble) {
        if (timing.length == 0) throw new IllegalArgumentException("no validation window with a timing side to fit the ensemble's thresholds on");
        double entry = pick(entryConfidence, timing, base.entryConfidence()), w = pick(winProbability, win, base.winProbability());
        double full = pick(fullConfidence, ensemble, base.fullConfidence()), half = Math.min(full, pick(halfConfidence, ensemble, base.halfConfidence()));
        double strong = pick(strongTiming, timing, base.strongTiming());
        return new EnsembleConfig(entry, w, full, half, strong, base.minConfidence(), base.maxRisk(), base.highRisk(), base.riskReduction(), base.half(), base.small());
    }

    /** What each fitted threshold came out as, for the log and the run's record. */
    public Map<String, Double> describe(EnsembleConfig fitted) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (entryConfidence != null) m.put("entryConfidence", fitted.entryConfidence());
        if (winProbability != null) m.put("winProbability", fitted.winProbability());
        if (fullConfidence != null) m.put("fullConfidence", fitted.fullConfidence());
        if (halfConfidence != null) m.put("halfConfidence", fitted.halfConfidence());
        if (strongTiming != null) m.put("strongTiming", fitted.strongTiming());
        return m;
    }

    private static double pick(Double q, double[] values, double fixed) { return q == null ? fixed : quantile(values, q); }

    /** The empirical {@code q} quantile (linear between order statistics). */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}
