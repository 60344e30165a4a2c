package io.tatra.backtest;

import io.tatra.journal.JournalReader;
import io.tatra.journal.JournalWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every strategy variant ever backtested in a home, one JSON line each ({@code trials.jsonl}): the deflated
 * Sharpe ratio counts them, so trying many variants and keeping the best shows as overfitting instead of skill.
 * It is an append-only journal on the journals' own mechanism ({@link JournalWriter}: one write per line, a torn
 * tail closed before the next append, an exclusive lock; {@link JournalReader}: a torn or corrupt line is reported
 * and skipped, never fatal), so one crash can cost at most its own line.
 */
public final class TrialLog {
    /** One tried variant: a description of everything that was varied, and its per-bar Sharpe over {@code bars}. */
    public record Trial(String time, String variant, double sharpePerBar, long bars) {
        public Trial {
            if (time == null || variant == null || variant.isBlank()) throw new IllegalArgumentException("a trial needs a time and a variant");
            if (bars < 0) throw new IllegalArgumentException("bars must be >= 0, got " + bars);
        }
    }

    /** The trials read, and the lines that were not trials (torn by a crash, edited by hand). */
    public record Read(List<Trial> trials, List<JournalReader.LineProblem> problems) {}

    private final Path file;

    public TrialLog(Path file) { this.file = file; }

    public Path file() { return file; }

    public Read read() {
        if (!Files.exists(file)) return new Read(List.of(), List.of());
        JournalReader.Result<Trial> r = JournalReader.read(file, Trial.class);
        return new Read(r.records(), r.problems());
    }

    /** Appends one trial durably (forced to disk). */
    public void append(Trial t) {
        try (JournalWriter<Trial> w = JournalWriter.open(file, Trial.class, JournalWriter.Durability.FSYNC)) {
            w.append(t);
        }
    }

    /**
     * The per-bar Sharpes the deflated Sharpe needs: one per distinct variant (re-running the same variant is not
     * another trial; its latest run counts), finite values only.
     */
    public static List<Double> sharpes(List<Trial> trials) {
        java.util.Map<String, Double> latest = new java.util.LinkedHashMap<>();
        for (Trial t : trials) latest.put(t.variant(), t.sharpePerBar());
        return latest.values().stream().filter(Double::isFinite).toList();
    }
}
