package io.tatra.app;

import io.tatra.decision.TradeDecision;
import io.tatra.market.BarSeries;
import io.tatra.ppo.ActorCritic;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.TargetOrder;

import java.util.List;

/**
 * What the saved PPO position managers share ({@link PpoSizingStrategy}, {@link PpoRiskStrategy},
 * {@link PpoExitStrategy}): the policy (its observation checked against the task's: the 4 signals plus the task's
 * state), the signal scales it was trained with, and where a backtest's decisions come from; {@link #onBar} asks the
 * source and hands the decision to {@link #orders}, the path paper and live call directly.
 */
abstract class PpoManager implements PpoSizing.Manager {
    protected final ActorCritic pi;
    protected final double roundTrip, medianVolatility;
    private final PpoSizingStrategy.DecisionSource source;

    /** @param state the task's state values after the signals; {@code task} names it in the refusal */
    PpoManager(ActorCritic pi, int state, String task, double roundTrip, double medianVolatility, PpoSizingStrategy.DecisionSource source) {
        if (pi.width() != state + 4) throw new IllegalArgumentException("the policy reads " + pi.width() + " values, not the " + task + " task's " + (state + 4));
        this.pi = pi;
        this.roundTrip = roundTrip;
        this.medianVolatility = medianVolatility;
        this.source = source;
    }

    @Override
    public final List<TargetOrder> onBar(BarSeries history, int index, PortfolioView portfolio) { return orders(history, index, portfolio, source.decision(history, index)); }

    /** The decision's signals as the policy saw them in training (the trace's forecasts, scaled as on its card). */
    protected double[] signals(TradeDecision d) { return SizingService.Signals.ofTrace(d, roundTrip, medianVolatility); }
}
