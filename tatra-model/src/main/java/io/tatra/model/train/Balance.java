package io.tatra.model.train;

import java.util.Arrays;

/** How the task losses of multi-task training are combined. */
public enum Balance {
    /** Equal weights: the plain sum of the task losses. */
    EW("ew"),
    /** Uncertainty weighting (Kendall et al., 2018): learned log-variances s_i, loss Σ exp(-s_i)·L_i + s_i. */
    UW("uw"),
    /** Dynamic weight averaging (Liu et al., 2019): weights from the ratio of each task's last two epoch losses, T = 2. */
    DWA("dwa"),
    /** GradNorm (Chen et al., 2018): weights moved so each task's gradient norm on the last shared layer tracks its training rate, α = 1.5. */
    GRADNORM("gradnorm"),
    /** PCGrad (Yu et al., 2020): true per-task gradients on the shared encoder, conflicting components projected away. */
    PCGRAD("pcgrad");

    private final String code;

    Balance(String code) { this.code = code; }

    public String code() { return code; }

    public boolean needsTaskGradients() { return this == GRADNORM || this == PCGRAD; }

    public static Balance parse(String s) {
        for (Balance b : values()) if (b.code.equalsIgnoreCase(s) || b.name().equalsIgnoreCase(s)) return b;
        throw new io.tatra.TatraException("unknown loss balancing '" + s + "'; use one of "
                + String.join(", ", Arrays.stream(values()).map(Balance::code).toList()));
    }
}
