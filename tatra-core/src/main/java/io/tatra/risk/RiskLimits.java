package io.tatra.risk;

/**
 * Every limit an order passes before it is executed, in one place for the backtest, the paper exchange and the
 * live engine. Fractions are of current equity.
 *
 * @param maxPosition      largest position in one symbol, a multiple of equity
 * @param maxLeverage      largest gross exposure, all symbols together, a multiple of equity
 * @param maxOrderNotional largest notional one order may trade (quote currency; infinite = no limit)
 * @param maxOrdersPerDay  most orders in any 24 hours (rolling; {@link Integer#MAX_VALUE} = no limit)
 * @param maxDailyLoss     loss since the UTC day's first equity mark that switches to REDUCING until the next day (1 = off)
 * @param maxDrawdown      drawdown from the equity peak that switches to REDUCING for good (1 = off)
 */
public record RiskLimits(double maxPosition, double maxLeverage, double maxOrderNotional, int maxOrdersPerDay, double maxDailyLoss, double maxDrawdown) {
    public RiskLimits {
        if (!(maxLeverage > 0 && maxLeverage <= 100)) throw new IllegalArgumentException("leverage cap must be in (0, 100], got " + maxLeverage);
        if (!(maxPosition > 0 && maxPosition <= maxLeverage)) throw new IllegalArgumentException("max position must be in (0, leverage cap " + maxLeverage + "], got " + maxPosition);
        if (!(maxOrderNotional > 0)) throw new IllegalArgumentException("max order notional must be > 0, got " + maxOrderNotional);
        if (maxOrdersPerDay < 1) throw new IllegalArgumentException("max orders per day must be >= 1, got " + maxOrdersPerDay);
        if (!(maxDailyLoss > 0 && maxDailyLoss <= 1)) throw new IllegalArgumentException("max daily loss must be in (0, 1], got " + maxDailyLoss);
        if (!(maxDrawdown > 0 && maxDrawdown <= 1)) throw new IllegalArgumentException("max drawdown must be in (0, 1], got " + maxDrawdown);
    }

    /** 1× equity per symbol and in total; no notional, rate, daily-loss or drawdown limit. */
    public static RiskLimits defaults() { return leverage(1, 1); }

    /** Position and leverage caps only. */
    public static RiskLimits leverage(double maxPosition, double maxLeverage) {
        return new RiskLimits(maxPosition, maxLeverage, Double.POSITIVE_INFINITY, Integer.MAX_VALUE, 1, 1);
    }

    public RiskLimits withMaxPosition(double v) { return new RiskLimits(v, maxLeverage, maxOrderNotional, maxOrdersPerDay, maxDailyLoss, maxDrawdown); }

    public RiskLimits withMaxLeverage(double v) { return new RiskLimits(maxPosition, v, maxOrderNotional, maxOrdersPerDay, maxDailyLoss, maxDrawdown); }

    public RiskLimits withMaxOrderNotional(double v) { return new RiskLimits(maxPosition, maxLeverage, v, maxOrdersPerDay, maxDailyLoss, maxDrawdown); }

    public RiskLimits withMaxOrdersPerDay(int v) { return new RiskLimits(maxPosition, maxLeverage, maxOrderNotional, v, maxDailyLoss, maxDrawdown); }

    public RiskLimits withMaxDailyLoss(double v) { return new RiskLimits(maxPosition, maxLeverage, maxOrderNotional, maxOrdersPerDay, v, maxDrawdown); }

    public RiskLimits withMaxDrawdown(double v) { return new RiskLimits(maxPosition, maxLeverage, maxOrderNotional, maxOrdersPerDay, maxDailyLoss, v); }

    /** Whether any limit needs the equity curve or order times (the backtest skips the bookkeeping otherwise). */
    public boolean stateful() { return maxOrdersPerDay != Integer.MAX_VALUE || maxDailyLoss < 1 || maxDrawdown < 1; }
}
