package io.tatra.decision.ensemble;

/** Which of the ensemble's rules decided. */
public enum EnsembleRule {
    /** The timing member has no signal above its entry confidence: wait. */
    NO_ENTRY_SIGNAL,
    /** The win probability on the timing side is not above its threshold: wait. */
    WIN_PROBABILITY_TOO_LOW,
    /** The ensemble's confidence is below its minimum: no trade. */
    LOW_CONFIDENCE,
    /** A member's risk is above the limit and the policy is to skip. */
    HIGH_RISK_SKIP,
    /** Every member agrees and the confidence is above the full-size level. */
    ALL_AGREE_FULL,
    /** A majority agrees and the confidence is above the half-size level. */
    MAJORITY_HALF,
    /** The timing signal is strong and the sizer confirms its side. */
    STRONG_TIMING_SIZER_CONFIRMS,
    /** None of the above: wait for a better setup. */
    NO_SETUP
}
