package io.tatra.decision;

/**
 * What the model's heads say about one symbol at one bar, in label units.
 *
 * @param direction  probabilities of down / sideways / up over the next {@code horizon} bars
 * @param volatility forecast volatility per bar (RMS of the next h one-bar log returns), > 0
 * @param regime     probabilities of bull / bear / sideways
 * @param ret        forecast log return over the next {@code horizon} bars
 * @param horizon    bars ahead
 */
public record HeadOutputs(double[] direction, double volatility, double[] regime, double ret, int horizon) {
    public HeadOutputs {
        direction = checkProbs(direction, "direction");
        regime = checkProbs(regime, "regime");
        if (!(volatility > 0) || !Double.isFinite(volatility)) throw new IllegalArgumentException("volatility must be finite and > 0, got " + volatility);
        if (!Double.isFinite(ret)) throw new IllegalArgumentException("return forecast must be finite, got " + ret);
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1 bar, got " + horizon);
    }

    /** The core tasks' forecasts read by class name (direction down/side/up, regime bull/bear/sideways). */
    public static HeadOutputs of(io.tatra.forecast.Forecast f, int horizon) {
        var d = io.tatra.forecast.CoreTasks.DIRECTION;
        var r = io.tatra.forecast.CoreTasks.REGIME;
        double[] dir = {f.probability(d, io.tatra.forecast.CoreTasks.DOWN), f.probability(d, io.tatra.forecast.CoreTasks.SIDE), f.probability(d, io.tatra.forecast.CoreTasks.UP)};
        double[] reg = {f.probability(r, io.tatra.forecast.CoreTasks.BULL), f.probability(r, io.tatra.forecast.CoreTasks.BEAR), f.probability(r, io.tatra.forecast.CoreTasks.SIDEWAYS)};
        return new HeadOutputs(dir, f.value(io.tatra.forecast.CoreTasks.VOLATILITY), reg, f.value(io.tatra.forecast.CoreTasks.RETURN), horizon);
    }

    public double pDown() { return direction[0]; }
    public double pSide() { return direction[1]; }
    public double pUp() { return direction[2]; }
    public double pBull() { return regime[0]; }
    public double pBear() { return regime[1]; }

    /** A decision trace started with the heads' probabilities and volatility ({@code p_up … volatility}), in that order; the policy adds its own numbers. */
    public java.util.Map<String, Double> trace() {
        java.util.Map<String, Double> t = new java.util.LinkedHashMap<>();
        t.put("p_up", pUp());
        t.put("p_down", pDown());
        t.put("p_side", pSide());
        t.put("p_bull", pBull());
        t.put("p_bear", pBear());
        t.put("volatility", volatility);
        return t;
    }

    /** Volatility over the whole horizon, {@code σ·√h}. */
    public double horizonVolatility() { return volatility * Math.sqrt(horizon); }

    private static double[] checkProbs(double[] p, String what) {
        if (p == null || p.length != 3) throw new IllegalArgumentException(what + ": expected 3 probabilities");
        double s = 0;
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(what + ": probability " + v + " outside [0, 1]");
            s += v;
        }
        if (Math.abs(s - 1) > 1e-3) throw new IllegalArgumentException(what + ": probabilities sum to " + s + ", not 1");
        return p.clone();
    }
}
