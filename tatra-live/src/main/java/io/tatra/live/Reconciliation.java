package io.tatra.live;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * At start and after every reconnect the engine compares what its journal says it holds with what the venue says:
 * positions (signed quantity per symbol, within one quantity step), and open orders (by orderLinkId). Every difference
 * is listed; any difference stops the engine unless the user chose to adopt the venue's state.
 */
public final class Reconciliation {
    private Reconciliation() {}

    /** One side's view: signed position per symbol, and the orderLinkIds of open orders. */
    public record State(Map<String, BigDecimal> positions, Set<String> openOrders) {
        public State {
            positions = Map.copyOf(positions);
            openOrders = Set.copyOf(openOrders);
        }
    }

    /** One difference, in words a person can act on. */
    public record Difference(String what, String journal, String venue) {
        @Override
        public String toString() { return what + ": journal " + journal + ", venue " + venue; }
    }

    /** Every difference between the journal's state and the venue's; {@code steps} gives each symbol's quantity step. */
    /**
     * What the engine expects at start: the last status's positions and open orders, plus the market orders recovery
     * adopted (sent just before a crash, filled after that status was written).
     */
    static State expected(State lastStatus, List<OrderLog.Entry> adopted) {
        Map<String, BigDecimal> positions = new java.util.HashMap<>(lastStatus.positions());
        for (OrderLog.Entry e : adopted)
            positions.merge(e.symbol(), "Buy".equals(e.side()) ? new BigDecimal(e.qty()) : new BigDecimal(e.qty()).negate(), BigDecimal::add);
        positions.values().removeIf(q -> q.signum() == 0);
        return new State(positions, lastStatus.openOrders());
    }

    public static List<Difference> compare(State journal, State venue, Map<String, BigDecimal> steps) {
        List<Difference> out = new ArrayList<>();
        Set<String> symbols = new TreeSet<>(journal.positions().keySet());
        symbols.addAll(venue.positions().keySet());
        for (String s : symbols) {
            BigDecimal j = journal.positions().getOrDefault(s, BigDecimal.ZERO), v = venue.positions().getOrDefault(s, BigDecimal.ZERO);
            BigDecimal step = steps.getOrDefault(s, BigDecimal.ZERO);
            if (j.subtract(v).abs().compareTo(step) > 0 || (step.signum() == 0 && j.compareTo(v) != 0))
                out.add(new Difference("position " + s, j.toPlainString(), v.toPlainString()));
        }
        for (String id : new TreeSet<>(journal.openOrders())) if (!venue.openOrders().contains(id)) out.add(new Difference("open order " + id, "open", "not open"));
        for (String id : new TreeSet<>(venue.openOrders())) if (!journal.openOrders().contains(id)) out.add(new Difference("open order " + id, "unknown", "open"));
        return out;
    }
}
