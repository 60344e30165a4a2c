package io.tatra.dataset;

/** How samples are split over time into training, validation and test folds. */
public enum SplitMethod {
    /** Walk-forward, expanding: each fold trains on everything before its test block. */
    WALK_FORWARD,
    /** Walk-forward, rolling: each fold trains on a fixed-length stretch just before its test block. */
    ROLLING,
    /** Combinatorial purged cross-validation: every choice of k test groups out of N. */
    CPCV;

    public static SplitMethod parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "walk-forward", "walk_forward", "expanding" -> WALK_FORWARD;
            case "rolling" -> ROLLING;
            case "cpcv" -> CPCV;
            default -> throw new io.tatra.TatraException("unknown split '" + s + "'; expected walk-forward, rolling or cpcv");
        };
    }

    public String code() { return this == WALK_FORWARD ? "walk-forward" : name().toLowerCase(java.util.Locale.ROOT); }
}
