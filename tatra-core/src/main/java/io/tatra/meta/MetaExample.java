package io.tatra.meta;

import java.time.Instant;

/**
 * One primary decision that became a trade, with what came of it.
 *
 * @param decisionTime when the decision was made (its bar's close): the features are as of then
 * @param closedTime   when the trade closed: its label is known only from then on
 * @param side         +1 long, -1 short
 * @param win5m        in profit (before costs) 5 minutes after entry, as the outcome journal defines it
 * @param win30m       the same at 30 minutes
 * @param grossReturn  the trade's log price return in its direction, {@code side · ln(exit / entry)}, before costs
 * @param netPnl       the trade's profit after fees, slippage and funding (the outcome's profitLoss)
 * @param features     what a meta-model may read at decision time, in {@link MetaLabels.Join#featureNames()} order
 */
public record MetaExample(String decisionId, String symbol, Instant decisionTime, Instant closedTime, int side,
                          boolean win5m, boolean win30m, double grossReturn, double netPnl, double[] features) {
    public MetaExample {
        if (decisionId == null || symbol == null || decisionTime == null || closedTime == null) throw new IllegalArgumentException("meta example: id, symbol and times are required");
        if (side != 1 && side != -1) throw new IllegalArgumentException("meta example " + decisionId + ": side must be +1 or -1, got " + side);
        if (closedTime.isBefore(decisionTime)) throw new IllegalArgumentException("meta example " + decisionId + ": closed " + closedTime + " before its decision " + decisionTime);
        if (!Double.isFinite(grossReturn) || !Double.isFinite(netPnl)) throw new IllegalArgumentException("meta example " + decisionId + ": return and P&L must be finite");
        features = features.clone();
    }

    /** Profitable after all costs. */
    public boolean netWin() { return netPnl > 0; }

    @Override public double[] features() { return features.clone(); }

    /** The i-th feature, without a copy. */
    public double feature(int i) { return features[i]; }
}
