package io.tatra.risk;

import java.util.ArrayDeque;

/**
 * The pre-trade risk check: every order's target position passes here before it is executed. It clamps the
 * target to the position and leverage caps and the order to the notional cap, and enforces the trading state:
 * a daily-loss breach switches to {@link TradingState#REDUCING} until the next UTC day, a drawdown breach for
 * good; {@link TradingState#HALTED} (set by {@link #halt}) refuses everything. Order rate counts approved
 * orders over a rolling 24 hours.
 */
public final class RiskCheck {
    private static final long DAY = 86_400_000L;

    private final RiskLimits limits;
    private final ArrayDeque<Long> orderTimes = new ArrayDeque<>();
    private TradingState state = TradingState.ACTIVE;
    private String reason = "";
    private boolean drawdownBreached;
    private long day = Long.MIN_VALUE;
    private double dayStart = Double.NaN, peak = Double.NaN;

    public RiskCheck(RiskLimits limits) {
        if (limits == null) throw new IllegalArgumentException("risk limits are required");
        this.limits = limits;
    }

    public RiskLimits limits() { return limits; }

    public TradingState state() { return state; }

    /** Why the state is not ACTIVE ("" when it is). */
    public String reason() { return reason; }

    /** The kill switch: nothing passes until {@link #resume}. */
    public void halt(String why) {
        state = TradingState.HALTED;
        reason = why;
    }

    /** Lifts a halt (a drawdown breach still keeps REDUCING). */
    public void resume() {
        state = drawdownBreached ? TradingState.REDUCING : TradingState.ACTIVE;
        reason = drawdownBreached ? reason : "";
    }

    /** Feeds the equity marked at {@code time}; daily-loss and drawdown limits act on it. */
    public void onEquity(long time, double equity) {
        long d = Math.floorDiv(time, DAY);
        if (d != day) {
            day = d;
            dayStart = equity;
            if (state == TradingState.REDUCING && !drawdownBreached) {
                state = TradingState.ACTIVE;
                reason = "";
            }
        }
        peak = Double.isNaN(peak) ? equity : Math.max(peak, equity);
        if (state == TradingState.HALTED) return;
        if (!drawdownBreached && limits.maxDrawdown() < 1 && equity < peak * (1 - limits.maxDrawdown())) {
            drawdownBreached = true;
            state = TradingState.REDUCING;
            reason = String.format(java.util.Locale.ROOT, "drawdown %.1f%% from the peak passed the %.1f%% limit", 100 * (1 - equity / peak), 100 * limits.maxDrawdown());
        } else if (state == TradingState.ACTIVE && limits.maxDailyLoss() < 1 && equity < dayStart * (1 - limits.maxDailyLoss())) {
            state = TradingState.REDUCING;
            reason = String.format(java.util.Locale.ROOT, "loss %.1f%% today passed the %.1f%% daily limit", 100 * (1 - equity / dayStart), 100 * limits.maxDailyLoss());
        }
    }

    /**
     * The position (base units) an order may move to.
     *
     * @param targetFraction the order's target, signed, as a fraction of equity
     * @param held           the signed position now held (base units)
     * @param price          the expected fill price (> 0)
     * @param equity         current equity
     * @param othersGross    gross exposure of every other symbol (quote currency)
     * @param time           when the order executes (order-rate limit)
     * @return the approved target position in base units; {@code held} when the order is refused
     */
    public double approve(double targetFraction, double held, double price, double equity, double othersGross, long time) {
        double target = Math.max(-limits.maxPosition(), Math.min(limits.maxPosition(), targetFraction)) * equity;
        double room = Math.max(0, limits.maxLeverage() * equity - othersGross);
        if (Math.abs(target) > room) target = Math.signum(target) * room;
        double qty = target / price;
        if (state == TradingState.HALTED) return held;
        if (state == TradingState.REDUCING) qty = reduceOnly(qty, held);
        double delta = qty - held;
        if (Math.abs(delta) * price > limits.maxOrderNotional()) qty = held + Math.signum(delta) * limits.maxOrderNotional() / price;
        if (qty != held && limits.maxOrdersPerDay() != Integer.MAX_VALUE) {
            while (!orderTimes.isEmpty() && orderTimes.peekFirst() <= time - DAY) orderTimes.pollFirst();
            if (orderTimes.size() >= limits.maxOrdersPerDay()) return held;
            orderTimes.addLast(time);
        }
        return qty;
    }

    /** Toward flat and never past it. */
    static double reduceOnly(double qty, double held) {
        if (held == 0 || Math.signum(qty) == -Math.signum(held)) return 0;
        return Math.abs(qty) < Math.abs(held) ? qty : held;
    }
}
