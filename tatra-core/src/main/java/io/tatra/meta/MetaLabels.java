package io.tatra.meta;

import io.tatra.TatraException;
import io.tatra.journal.Decision;
import io.tatra.journal.Outcome;
import io.tatra.journal.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Joins decisions and outcomes on the decision id into meta-label examples. Only BUY and SELL decisions that became
 * a closed trade are examples; HOLDs, decisions still open and outcomes of trades no decision opened (protective
 * fills, adopted positions) are counted and left out. The features are the decision's own record (the primary
 * model's forecasts and fusion trace, as of the decision) plus, optionally, the market features of the decision bar;
 * the side is a feature too. An outcome that executed before its decision is refused: it would be lookahead.
 */
public final class MetaLabels {
    private MetaLabels() {}

    /** Market features known at a decision (e.g. the 64 features of its bar). */
    public interface MarketFeatures {
        List<String> names();

        /** The features of {@code symbol} as of {@code decisionTime} (only data up to then), or null when there is no such bar. */
        double[] at(String symbol, Instant decisionTime);
    }

    /** The examples in decision-time order, their feature names and what was left out and why. */
    public record Join(List<MetaExample> examples, List<String> featureNames, int holds, int withoutOutcome, int outcomesWithoutDecision, int withoutMarketBar) {
        public Join {
            examples = List.copyOf(examples);
            featureNames = List.copyOf(featureNames);
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "%,d trades joined (%d features); left out: %,d HOLD decisions, %,d decisions without a closed trade, "
                    + "%,d outcomes without a decision, %,d without a market bar", examples.size(), featureNames.size(), holds, withoutOutcome, outcomesWithoutDecision, withoutMarketBar);
        }
    }

    public static Join join(List<Decision> decisions, List<Outcome> outcomes, MarketFeatures market) {
        Map<String, Outcome> byId = new HashMap<>();
        for (Outcome o : outcomes)
            if (byId.put(o.decisionId(), o) != null) throw new TatraException("outcome journal: two outcomes for decision " + o.decisionId());
        TreeSet<String> keys = new TreeSet<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int holds = 0;
        for (Decision d : decisions) {
            if (!seen.add(d.id())) throw new TatraException("decision journal: decision " + d.id() + " appears twice");
            if (d.signal() != Signal.HOLD && d.features() != null) keys.addAll(d.features().keySet());
        }
        List<String> names = new ArrayList<>();
        names.add("side");
        for (String k : keys) names.add("decision." + k);
        if (market != null) for (String n : market.names()) names.add("market." + n);
        List<MetaExample> out = new ArrayList<>();
        int withoutOutcome = 0, withoutBar = 0, matched = 0;
        for (Decision d : decisions) {
            if (d.signal() == Signal.HOLD) { holds++; continue; }
            Outcome o = byId.get(d.id());
            if (o == null) { withoutOutcome++; continue; }
            matched++;
            if (o.executedTime().isBefore(d.timestamp()))
                throw new TatraException("outcome of " + d.id() + " executed at " + o.executedTime() + ", before its decision at " + d.timestamp()
                        + "; the journals do not belong together (or the clock is wrong)");
            double[] m = market == null ? null : market.at(d.symbol(), d.timestamp());
            if (market != null && m == null) { withoutBar++; continue; }
            int side = d.signal() == Signal.BUY ? 1 : -1;
            double[] f = new double[names.size()];
            int k = 0;
            f[k++] = side;
            for (String key : keys) {
                Double v = d.features() == null ? null : d.features().get(key);
                f[k++] = v == null ? Double.NaN : v;
            }
            if (m != null) {
                if (m.length != market.names().size()) throw new IllegalStateException("market features gave " + m.length + " values for " + market.names().size() + " names");
                System.arraycopy(m, 0, f, k, m.length);
            }
            out.add(new MetaExample(d.id(), d.symbol(), d.timestamp(), o.closedTime(), side, o.win5m(), o.win30m(),
                    side * Math.log(o.exitPrice() / o.entryPrice()), o.profitLoss(), f));
        }
        out.sort(Comparator.comparing(MetaExample::decisionTime).thenComparing(MetaExample::decisionId));
        return new Join(out, names, holds, withoutOutcome, outcomes.size() - matched, withoutBar);
    }
}
