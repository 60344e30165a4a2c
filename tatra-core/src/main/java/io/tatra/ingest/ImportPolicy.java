package io.tatra.ingest;

/** What the importer does with errors. */
public enum ImportPolicy {
    /** Refuse a file with any error, naming file, line and reason; report warnings. The default. */
    STRICT,
    /** Apply the documented conservative repairs and list every one. */
    REPAIR;

    public static ImportPolicy parse(String s) {
        for (ImportPolicy p : values()) if (p.name().equalsIgnoreCase(s.trim())) return p;
        throw new io.tatra.TatraException("unknown policy '" + s + "'; expected strict or repair");
    }
}
