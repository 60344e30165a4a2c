package io.tatra.ingest;

import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validation report of one file: what was read, every finding (graded), every repair. Symbol,
 * interval, format and times are null when the file could not be read that far.
 */
public record DataReport(Path file, SourceFormat format, Symbol symbol, Interval interval, ImportPolicy policy,
                         long rowsRead, int rowsKept, Instant first, Instant last,
                         List<Finding> findings, Map<FindingKind, Integer> counts, List<Repair> repairs) {
    public DataReport {
        findings = List.copyOf(findings);
        counts = Map.copyOf(counts);
        repairs = List.copyOf(repairs);
    }

    public int errors() { return count(Severity.ERROR); }

    public int warnings() { return count(Severity.WARNING); }

    public boolean hasErrors() { return errors() > 0; }

    public int count(Severity s) {
        int n = 0;
        for (var e : counts.entrySet()) if (e.getKey().severity() == s) n += e.getValue();
        return n;
    }

    public int count(FindingKind k) { return counts.getOrDefault(k, 0); }

    /** Human-readable report; at most {@code perKind} findings of each kind are listed. */
    public String render(int perKind) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(format == null ? "unrecognised" : format.id());
        if (symbol != null) sb.append(", ").append(symbol);
        if (interval != null) sb.append(' ').append(interval);
        sb.append(", ").append(rowsRead).append(" rows read");
        if (first != null) sb.append(", ").append(rowsKept).append(" bars ").append(first).append(" .. ").append(last);
        sb.append("\n  ").append(errors()).append(" errors, ").append(warnings()).append(" warnings");
        if (!repairs.isEmpty()) sb.append(", ").append(repairs.size()).append(" repairs (policy ").append(policy.name().toLowerCase()).append(')');
        sb.append('\n');
        for (Severity s : Severity.values()) {
            for (FindingKind k : FindingKind.values()) {
                if (k.severity() != s || count(k) == 0) continue;
                sb.append("  ").append(s).append(' ').append(k).append(" x").append(count(k)).append(" — ").append(k.meaning()).append('\n');
                int shown = 0;
                for (Finding f : findings) {
                    if (f.kind() != k) continue;
                    if (shown++ == perKind) break;
                    sb.append("    ").append(file.getFileName()).append(f.line() > 0 ? ":" + f.line() : "").append(": ").append(f.message()).append('\n');
                }
                if (count(k) > perKind) sb.append("    ... and ").append(count(k) - perKind).append(" more\n");
            }
        }
        if (!repairs.isEmpty()) {
            Map<Repair.Action, List<Repair>> byAction = new LinkedHashMap<>();
            for (Repair r : repairs) byAction.computeIfAbsent(r.action(), a -> new ArrayList<>()).add(r);
            for (var e : byAction.entrySet()) {
                sb.append("  REPAIR ").append(e.getKey()).append(" x").append(e.getValue().size()).append('\n');
                for (int i = 0; i < Math.min(perKind, e.getValue().size()); i++) {
                    Repair r = e.getValue().get(i);
                    sb.append("    ").append(file.getFileName()).append(r.line() > 0 ? ":" + r.line() : "").append(": ").append(r.description()).append('\n');
                }
                if (e.getValue().size() > perKind) sb.append("    ... and ").append(e.getValue().size() - perKind).append(" more\n");
            }
        }
        return sb.toString();
    }
}
