package io.tatra.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Collects findings; keeps the first {@value #KEEP_PER_KIND} of each kind in full and counts all. */
public final class Findings {
    public static final int KEEP_PER_KIND = 1000;
    private final List<Finding> kept = new ArrayList<>();
    private final Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
    private int errors, rowErrors;

    public void add(FindingKind kind, long line, String message) {
        int c = counts.merge(kind, 1, Integer::sum);
        if (kind.severity() == Severity.ERROR) {
            errors++;
            if (kind != FindingKind.BAD_OPTIONAL_FIELD) rowErrors++;
        }
        if (c <= KEEP_PER_KIND) kept.add(new Finding(kind, line, message));
    }

    public List<Finding> list() { return List.copyOf(kept); }

    /** Total count per kind, including findings beyond the kept ones. */
    public Map<FindingKind, Integer> counts() { return Map.copyOf(counts); }

    public int count(FindingKind kind) { return counts.getOrDefault(kind, 0); }

    public int count(Severity s) {
        int n = 0;
        for (var e : counts.entrySet()) if (e.getKey().severity() == s) n += e.getValue();
        return n;
    }

    public boolean hasErrors() { return errors > 0; }

    /** Errors that make a row unusable (all errors except a bad optional field); a cheap counter for the parsers. */
    int rowErrors() { return rowErrors; }
}
