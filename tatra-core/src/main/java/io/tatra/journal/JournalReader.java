package io.tatra.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.tatra.TatraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSONL log without ever failing on content: every good line becomes a record; a torn last line
 * (no newline, incomplete JSON: a crash during append), a corrupt line or an invalid record is reported
 * with its line number and skipped, and the lines around it are kept.
 */
public final class JournalReader {
    /** What went wrong with one line. */
    public enum Problem { TORN_TAIL, CORRUPT_LINE, INVALID_RECORD }

    public record LineProblem(long line, Problem problem, String message) {
        @Override
        public String toString() { return "line " + line + ": " + problem + ": " + message; }
    }

    public record Result<T>(Path path, List<T> records, List<LineProblem> problems) {
        public boolean clean() { return problems.isEmpty(); }
    }

    private JournalReader() {}

    public static <T> Result<T> read(Path path, Class<T> type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new TatraException(path + ": cannot read journal (" + e.getMessage() + ")", e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean endsWithNewline = text.isEmpty() || text.charAt(text.length() - 1) == '\n';
        String[] lines = text.split("\n", -1);
        int count = endsWithNewline ? lines.length - 1 : lines.length;
        List<T> out = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) continue;
            boolean last = i == count - 1 && !endsWithNewline;
            try {
                out.add(io.tatra.Json.strict(type).readValue(line));
            } catch (ValueInstantiationException e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                problems.add(new LineProblem(i + 1, Problem.INVALID_RECORD, c.getMessage()));
            } catch (JsonProcessingException e) {
                problems.add(new LineProblem(i + 1, last ? Problem.TORN_TAIL : Problem.CORRUPT_LINE,
                        (last ? "incomplete last line (a crash during append?): " : "") + e.getOriginalMessage()));
            }
        }
        return new Result<>(path, List.copyOf(out), List.copyOf(problems));
    }
}
