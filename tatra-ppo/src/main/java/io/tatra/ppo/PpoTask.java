package io.tatra.ppo;

/** Design document 003's PPO tasks, each its own environment and its own saved policy. */
public enum PpoTask {
    /** Target position as a fraction of equity ({@link SizingEnv}). */
    SIZING("sizing"),
    /** Exit, partial exit and trailing-stop distance of an open trade ({@link ExitEnv}). */
    EXITS("exits"),
    /** A risk multiplier on a base sizer, adapting to drawdown, volatility and recent win rate ({@link RiskEnv}). */
    RISK("risk"),
    /** Target weights across symbols, seeing their correlations and the total exposure ({@link PortfolioEnv}). */
    PORTFOLIO("portfolio");

    private final String label;

    PpoTask(String label) { this.label = label; }

    public String label() { return label; }

    /** The task named {@code s} (its label, any case); a clear error naming the choices otherwise. */
    public static PpoTask parse(String s) {
        for (PpoTask t : values()) if (t.label.equalsIgnoreCase(s == null ? "" : s.trim())) return t;
        throw new IllegalArgumentException("unknown PPO task '" + s + "': use sizing, exits, risk or portfolio");
    }
}
