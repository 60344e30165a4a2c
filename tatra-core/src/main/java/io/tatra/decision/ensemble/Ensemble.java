package io.tatra.decision.ensemble;

import io.tatra.decision.Action;
import io.tatra.decision.SkipReason;
import io.tatra.decision.TradeDecision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Design document 003's final decision, with its conflict rules, in order:
 * <ol>
 *   <li>the timing member (the LSTM's entry signal) must have a side and a confidence above {@code entryConfidence};</li>
 *   <li>the win-probability member (LightGBM) must give the timing side a P(win) above {@code winProbability};</li>
 *   <li>the ensemble confidence — the mean over all votes of a vote's confidence when it takes the timing side,
 *       1 − confidence when it takes the other, ½ when it has no side — must reach {@code minConfidence};</li>
 *   <li>a member's risk above {@code maxRisk} skips the trade or reduces its size, as configured;</li>
 *   <li>every member on the timing side and confidence above {@code fullConfidence} → the sizer's full size; a majority
 *       and above {@code halfConfidence} → half of it; a timing confidence above {@code strongTiming} with the sizer on
 *       the timing side → the small share; otherwise wait.</li>
 * </ol>
 * The side comes from the timing member and the size from the sizer (the document's "LSTM for timing, PPO for
 * sizing"); the reasoning names the rule that fired and every vote; the trace carries each vote by member name.
 */
public record Ensemble(EnsembleConfig config) {
    public Ensemble {
        if (config == null) throw new IllegalArgumentException("ensemble config is required");
    }

    /**
     * @param others further members (e.g. the unified model's direction head), may be empty
     * @param stop   stop distance as a fraction of price (> 0); {@code take} the take-profit distance
     */
    /** The ensemble confidence of {@code votes} on {@code side}: each vote's confidence on it, 1 − confidence against it, ½ without a side; averaged. */
    public static double confidence(List<Vote> votes, int side) {
        double conf = 0;
        for (Vote v : votes) conf += v.side() == 0 || side == 0 ? 0.5 : v.side() == side ? v.confidence() : 1 - v.confidence();
        return conf / votes.size();
    }

    public TradeDecision decide(Vote timing, Vote win, Vote sizer, List<Vote> others, double stop, double take) {
        List<Vote> all = new ArrayList<>(List.of(timing, win, sizer));
        all.addAll(others);
        int side = timing.side();
        double conf = confidence(all, side);
        int agree = 0;
        for (Vote v : all) if (side != 0 && v.side() == side) agree++;
        double maxRisk = all.stream().mapToDouble(Vote::risk).filter(r -> !Double.isNaN(r)).max().orElse(0);
        Map<String, Double> trace = new LinkedHashMap<>();
        for (Vote v : all) {
            trace.put(v.member() + ".side", (double) v.side());
            trace.put(v.member() + ".confidence", v.confidence());
            if (!Double.isNaN(v.risk())) trace.put(v.member() + ".risk", v.risk());
            if (!Double.isNaN(v.size())) trace.put(v.member() + ".size", v.size());
        }
        trace.put("ensemble_confidence", conf);
        trace.put("members_agreeing", (double) agree);
        trace.put("members", (double) all.size());
        EnsembleConfig c = config;
        if (side == 0 || timing.confidence() <= c.entryConfidence())
            return flat(EnsembleRule.NO_ENTRY_SIGNAL, SkipReason.NO_ENTRY_SIGNAL, String.format(Locale.ROOT, "%s confidence %.2f is not above %.2f", timing.member(), timing.confidence(),
                    c.entryConfidence()), conf, all, stop, take, trace);
        if (win.side() != side || win.confidence() <= c.winProbability())
            return flat(EnsembleRule.WIN_PROBABILITY_TOO_LOW, SkipReason.WIN_PROBABILITY_TOO_LOW, String.format(Locale.ROOT, "%s gives the %s side P(win) %.2f, not above %.2f",
                    win.member(), side > 0 ? "long" : "short", win.side() == side ? win.confidence() : 1 - win.confidence(), c.winProbability()), conf, all, stop, take, trace);
        if (conf < c.minConfidence())
            return flat(EnsembleRule.LOW_CONFIDENCE, SkipReason.LOW_ENSEMBLE_CONFIDENCE, String.format(Locale.ROOT, "ensemble confidence %.2f below %.2f", conf, c.minConfidence()),
                    conf, all, stop, take, trace);
        boolean risky = maxRisk > c.maxRisk();
        if (risky && c.highRisk() == EnsembleConfig.HighRisk.SKIP)
            return flat(EnsembleRule.HIGH_RISK_SKIP, SkipReason.HIGH_RISK, String.format(Locale.ROOT, "a member's risk %.2f is above %.2f", maxRisk, c.maxRisk()), conf, all, stop, take, trace);
        EnsembleRule rule;
        double tier;
        if (agree == all.size() && conf > c.fullConfidence()) { rule = EnsembleRule.ALL_AGREE_FULL; tier = 1; }
        else if (agree * 2 > all.size() && conf > c.halfConfidence()) { rule = EnsembleRule.MAJORITY_HALF; tier = c.half(); }
        else if (timing.confidence() > c.strongTiming() && sizer.side() == side) { rule = EnsembleRule.STRONG_TIMING_SIZER_CONFIRMS; tier = c.small(); }
        else return flat(EnsembleRule.NO_SETUP, SkipReason.NO_SETUP, String.format(Locale.ROOT, "%d of %d members agree at confidence %.2f: no rule for a trade", agree, all.size(), conf),
                    conf, all, stop, take, trace);
        double base = Double.isNaN(sizer.size()) ? 1 : sizer.size(), size = base * tier * (risky ? c.riskReduction() : 1);
        trace.put("size", size);
        String why = String.format(Locale.ROOT, "Rule %s: %s %s, %d of %d members agree, ensemble confidence %.2f; size %.3f = %s's %.3f × %.2f%s. Votes: %s.", rule,
                side > 0 ? "long" : "short", "by " + timing.member(), agree, all.size(), conf, size, sizer.member(), base, tier,
                risky ? String.format(Locale.ROOT, " × %.2f (a member's risk %.2f is above %.2f)", c.riskReduction(), maxRisk, c.maxRisk()) : "", votes(all));
        if (size == 0) return flat(rule, SkipReason.NO_SETUP, "rule " + rule + " would trade, but " + sizer.member() + " proposes no position", conf, all, stop, take, trace);
        return new TradeDecision(side > 0 ? Action.LONG : Action.SHORT, conf, size, stop, take, (double) agree / all.size(), why, trace, null);
    }

    private static TradeDecision flat(EnsembleRule rule, SkipReason reason, String why, double conf, List<Vote> all, double stop, double take, Map<String, Double> trace) {
        trace.put("size", 0.0);
        return new TradeDecision(Action.FLAT, conf, 0, stop, take, 0, "Rule " + rule + ": wait, " + why + ". Votes: " + votes(all) + ".", trace, reason);
    }

    private static String votes(List<Vote> all) {
        List<String> out = new ArrayList<>();
        for (Vote v : all)
            out.add(String.format(Locale.ROOT, "%s %s %.2f%s%s", v.member(), v.side() > 0 ? "long" : v.side() < 0 ? "short" : "none", v.confidence(),
                    Double.isNaN(v.risk()) ? "" : String.format(Locale.ROOT, " risk %.2f", v.risk()), Double.isNaN(v.size()) ? "" : String.format(Locale.ROOT, " size %.2f", v.size())));
        return String.join("; ", out);
    }
}
