package io.tatra.features.indicators;

/** MACD line, signal and histogram with ta4j's EMA seeding; all NaN until the slow EMA is seeded. */
public final class Macd {
    private final Ema fast, slow, signal;
    private double line = Double.NaN, signalValue = Double.NaN;

    public Macd(int fast, int slow, int signal) {
        if (fast >= slow) throw new IllegalArgumentException("MACD fast period " + fast + " must be < slow " + slow);
        this.fast = Ema.standard(fast);
        this.slow = Ema.standard(slow);
        this.signal = Ema.standard(signal);
    }

    public void update(double close) {
        line = fast.update(close) - slow.update(close);
        signalValue = signal.update(line);
    }

    public double line() { return line; }
    public double signal() { return signalValue; }
    public double histogram() { return line - signalValue; }
}
