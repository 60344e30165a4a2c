package io.tatra.metrics;

/** Everything {@code tatra evaluate} puts side by side: the deep models and the classical baselines. */
public enum Contender {
    UNIFIED("unified", "unified (multi-task)"),
    SPECIALISTS("specialists", "specialists (1 task each)"),
    PROBE_PRETRAINED("probe_pretrained", "linear probe, pre-trained enc."),
    PROBE_RANDOM("probe_random", "linear probe, random enc."),
    MODEL("model", "model"),
    GARCH("garch", "GARCH(1,1)"),
    HAR("har_rv", "HAR-RV"),
    LINEAR("linear", "logistic / ridge, last step"),
    HMM("hmm", "Gaussian HMM (3 states)"),
    PRIOR("prior", "class prior"),
    ZERO("zero", "zero return"),
    MEAN("mean", "mean return");

    private final String code, label;

    Contender(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The JSON key. */
    public String code() { return code; }

    /** The table row name. */
    public String label() { return label; }

    /** Trained by gradient descent here (several seeds), as opposed to a deterministic classical fit. */
    public boolean seeded() { return ordinal() <= MODEL.ordinal(); }
}
