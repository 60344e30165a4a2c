package io.tatra.backtest;

/**
 * Where a run's gross P&L went (all in quote currency): fees, slippage and funding against what the trades made before costs.
 *
 * @param grossPnl       net P&L plus every cost: what the positions made before paying to hold them
 * @param costs          fees + slippage + funding
 * @param costPerTrade   costs over closed trades (null without trades)
 * @param costShareOfGross costs over gross P&L when that is positive (null otherwise: costs then only deepen a loss)
 * @param turnover       traded notional as a multiple of the starting capital
 */
public record CostBreakdown(double fees, double slippage, double funding, double costs, double grossPnl, double netPnl, Double costPerTrade,
                            Double costShareOfGross, double turnover) {

    public static CostBreakdown of(BacktestResult r) {
        double net = r.finalEquity() - r.capital(), costs = r.feesPaid() + r.slippagePaid() + r.fundingPaid(), gross = net + costs;
        int n = r.trades().size();
        return new CostBreakdown(r.feesPaid(), r.slippagePaid(), r.fundingPaid(), costs, gross, net, n == 0 ? null : costs / n,
                gross > 0 ? costs / gross : null, r.turnover() / r.capital());
    }
}
