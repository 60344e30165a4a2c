package io.tatra.ingest;

/** One validation finding; {@code line} is 1-based in the source file, 0 for the whole file. */
public record Finding(FindingKind kind, long line, String message) {
    public Finding {
        if (kind == null || message == null) throw new IllegalArgumentException("finding needs a kind and a message");
    }

    public Severity severity() { return kind.severity(); }

    @Override
    public String toString() {
        return kind.severity() + " " + kind + (line > 0 ? " line " + line : "") + ": " + message;
    }
}
