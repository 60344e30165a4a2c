package io.tatra.decision;

import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecast;
import io.tatra.forecast.TaskSpec;

import java.util.Arrays;

/**
 * Design document 003's four LSTM tasks read off one window's forecast, each output named as the document names it
 * ("LSTM_TASKS"). A group is null when the model lacks a head it needs (a model trained without the sequence tasks
 * has entry timing, volatility and the trend's direction only).
 *
 * <ul>
 *   <li><b>entry timing</b>: {@code entry_signal} — the likelier of up and down (+1 / −1; 0 on a tie) with its share
 *       of the two, {@code P(side) / (P(up) + P(down))}, the ensemble's timing vote; {@code expected_movement} — the
 *       return head's log return over h bars; {@code time_to_target} — bars until the path first reaches ±σ√h (the
 *       head's forecast, within [1, h]);</li>
 *   <li><b>trend</b>: {@code trend_direction} — the regime head's likelier of bull (+1) and bear (−1), 0 when
 *       sideways is likeliest, with its probability; {@code trend_strength} — the forecast |t| of forward trend
 *       scanning; {@code reversal_probability} — P(the regime label changes within h);</li>
 *   <li><b>volatility</b>: {@code volatility_forecast} per bar; {@code risk_score} — the forecast's rank among the
 *       same model's forecasts of the trailing windows (0 calmest … 1 wildest; NaN without a reference), so "risk above
 *       0.7" means "more volatility ahead than in 70 % of the recent forecasts" whatever the model's scale;
 *       {@code stop_loss_suggestion} — a stop {@code stopSigmas}·σ·√h from the price (the barrier the time-to-target
 *       head is trained on when 1), as a fraction of the price;</li>
 *   <li><b>pattern</b>: {@code pattern_type} (range, breakout up, breakout down, trend continuation; the label
 *       catalogue's {@code PathLabels}), {@code pattern_confidence} — its probability; {@code breakout_probability}.</li>
 * </ul>
 */
public record SequenceReadout(EntryTiming entryTiming, Trend trend, Volatility volatility, Pattern pattern) {
    /** The pattern head's classes in {@code PathLabels} order. */
    public static final String[] PATTERNS = {"range", "breakout_up", "breakout_down", "trend_continuation"};

    public record EntryTiming(int entrySignal, double confidence, double expectedMovement, double timeToTarget) {}

    public record Trend(int trendDirection, double directionProbability, double trendStrength, double reversalProbability) {}

    public record Volatility(double volatilityForecast, double riskScore, double stopLossSuggestion) {}

    public record Pattern(String patternType, double patternConfidence, double breakoutProbability) {}

    /**
     * @param trailingVolatility the model's volatility forecasts of earlier windows (the risk score's reference), may be empty
     * @param stopSigmas         the stop suggestion's distance in σ√h (> 0)
     */
    public static SequenceReadout of(Forecast f, int horizon, double[] trailingVolatility, double stopSigmas) {
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        if (!(stopSigmas > 0)) throw new IllegalArgumentException("stop distance must be > 0 sigmas, got " + stopSigmas);
        EntryTiming entry = null;
        TaskSpec ttt = task(f, "time_to_target");
        if (f.has(CoreTasks.DIRECTION)) {
            double up = f.probability(CoreTasks.DIRECTION, CoreTasks.UP), down = f.probability(CoreTasks.DIRECTION, CoreTasks.DOWN);
            int side = up > down ? 1 : up < down ? -1 : 0;
            double conf = up + down == 0 ? 0.5 : Math.max(up, down) / (up + down);
            entry = new EntryTiming(side, conf, f.has(CoreTasks.RETURN) ? f.value(CoreTasks.RETURN) : Double.NaN,
                    ttt == null ? Double.NaN : Math.min(horizon, Math.max(1, f.value(ttt))));
        }
        Trend trend = null;
        if (f.has(CoreTasks.REGIME)) {
            double bull = f.probability(CoreTasks.REGIME, CoreTasks.BULL), bear = f.probability(CoreTasks.REGIME, CoreTasks.BEAR),
                    side = f.probability(CoreTasks.REGIME, CoreTasks.SIDEWAYS);
            int dir = side >= Math.max(bull, bear) ? 0 : bull > bear ? 1 : -1;
            TaskSpec strength = task(f, "trend_strength"), reversal = task(f, "reversal");
            trend = new Trend(dir, Math.max(side, Math.max(bull, bear)), strength == null ? Double.NaN : Math.max(0, f.value(strength)),
                    reversal == null ? Double.NaN : f.value(reversal));
        }
        Volatility vol = null;
        if (f.has(CoreTasks.VOLATILITY)) {
            double sigma = f.value(CoreTasks.VOLATILITY);
            vol = new Volatility(sigma, riskScore(trailingVolatility, sigma), -Math.expm1(-stopSigmas * sigma * Math.sqrt(horizon)));
        }
        Pattern pattern = null;
        TaskSpec pat = task(f, "pattern"), breakout = task(f, "breakout");
        if (pat != null && pat.width() == PATTERNS.length) {
            double[] p = f.values(pat);
            int best = 0;
            for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
            pattern = new Pattern(PATTERNS[best], p[best], breakout == null ? Double.NaN : f.value(breakout));
        }
        return new SequenceReadout(entry, trend, vol, pattern);
    }

    /** The share of the reference strictly below {@code x}, plus half the ties (a mid-rank); NaN for an empty reference. */
    public static double riskScore(double[] reference, double x) {
        if (reference == null || reference.length == 0) return Double.NaN;
        int below = 0, ties = 0;
        for (double r : reference) {
            if (r < x) below++;
            else if (r == x) ties++;
        }
        return (below + 0.5 * ties) / reference.length;
    }

    /** Whether the forecast has any sequence head beyond the core four. */
    public static boolean hasSequenceHeads(Forecast f) {
        return Arrays.stream(new String[]{"time_to_target", "trend_strength", "reversal", "breakout", "pattern"}).anyMatch(n -> task(f, n) != null);
    }

    private static TaskSpec task(Forecast f, String name) {
        for (TaskSpec t : f.tasks()) if (t.name().equals(name)) return t;
        return null;
    }
}
