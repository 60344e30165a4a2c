package io.tatra.decision.ensemble;

/**
 * One member's view at a bar.
 *
 * @param member     its name (journals and reasoning)
 * @param side       +1 long, −1 short, 0 no view
 * @param confidence in [0, 1]: the timing member's signal confidence, the win-probability member's P(win) on the
 *                   timing side, a sizer's confidence in its size
 * @param risk       in [0, 1], or NaN when the member has no risk view
 * @param size       the position it proposes as a fraction of equity (≥ 0), or NaN when it does not size
 */
public record Vote(String member, int side, double confidence, double risk, double size) {
    public Vote {
        if (member == null || member.isBlank()) throw new IllegalArgumentException("a vote needs the member's name");
        if (side < -1 || side > 1) throw new IllegalArgumentException(member + ": side must be -1, 0 or 1, got " + side);
        if (!(confidence >= 0 && confidence <= 1)) throw new IllegalArgumentException(member + ": confidence " + confidence + " outside [0, 1]");
        if (!Double.isNaN(risk) && !(risk >= 0 && risk <= 1)) throw new IllegalArgumentException(member + ": risk " + risk + " outside [0, 1]");
        if (!Double.isNaN(size) && !(size >= 0 && Double.isFinite(size))) throw new IllegalArgumentException(member + ": size must be finite and >= 0, got " + size);
    }

    /** A vote without a risk view or a size. */
    public static Vote of(String member, int side, double confidence) { return new Vote(member, side, confidence, Double.NaN, Double.NaN); }
}
