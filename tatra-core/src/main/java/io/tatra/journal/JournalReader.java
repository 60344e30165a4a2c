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

    /** The largest journal read whole (decompressed); larger logs are refused with this limit named. */
    public static final long MAX_BYTES = 1L << 30;

    /** The file's text: gzip decompressed (by its magic bytes, not its name), a UTF-8 byte-order mark dropped, size capped. */
    public static String text(Path path) {
        if (!Files.isRegularFile(path)) throw new TatraException(path + ": not a regular file");
        try (java.io.InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            java.io.InputStream in = b0 == 0x1f && b1 == 0x8b ? new java.util.zip.GZIPInputStream(raw) : raw;
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, MAX_BYTES + 1));
            if (bytes.length > MAX_BYTES) throw new TatraException(path + ": more than " + (MAX_BYTES >> 20) + " MiB of text; split the journal");
            int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TatraException(path + ": cannot read journal (" + e.getMessage() + ")", e);
        }
    }

    public static <T> Result<T> read(Path path, Class<T> type) {
        String text = text(path);
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
                T record = io.tatra.Json.strict(type).readValue(line);
                if (record == null) problems.add(new LineProblem(i + 1, Problem.INVALID_RECORD, "a JSON null, not a record"));
                else out.add(record);
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
