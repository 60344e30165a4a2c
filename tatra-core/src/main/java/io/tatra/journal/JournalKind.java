package io.tatra.journal;

import java.util.Locale;

/** The three logs of the design documents, with their record type and conventional file name. */
public enum JournalKind {
    DECISIONS(Decision.class, "decisions.jsonl"),
    OUTCOMES(Outcome.class, "outcomes.jsonl"),
    SNAPSHOTS(Snapshot.class, "snapshots.jsonl");

    private final Class<? extends JournalRecord> type;
    private final String fileName;

    JournalKind(Class<? extends JournalRecord> type, String fileName) {
        this.type = type;
        this.fileName = fileName;
    }

    public Class<? extends JournalRecord> type() { return type; }

    public String fileName() { return fileName; }

    /** Which log a JSON line belongs to, from its field names; null when none. */
    public static JournalKind detect(String firstLine) {
        String l = firstLine.toLowerCase(Locale.ROOT);
        if (l.contains("\"decisionid\"")) return OUTCOMES;
        if (l.contains("\"signal\"") && l.contains("\"id\"")) return DECISIONS;
        if (l.contains("\"features\"") && l.contains("\"symbol\"") && !l.contains("\"open\"")) return SNAPSHOTS;
        return null;
    }
}
