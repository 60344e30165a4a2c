package io.tatra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a small comma-separated file with a header by column name: the columns may come in any order (extra ones are
 * ignored), every line must have the header's width, and any refused value is an error naming the file and line.
 * For files Tatra wrote and reads back as untrusted input (a run's forecasts, equity, trades, prices).
 */
public final class NamedCsv {
    private NamedCsv() {}

    /** One line's fields by column name. */
    public record Row(Map<String, Integer> at, String[] cells) {
        /** The raw text of a column (present by construction). */
        public String get(String column) { return cells[at.get(column)]; }
    }

    /**
     * The rows of {@code file} parsed by {@code parse}; an {@link IllegalArgumentException} from it (a bad value)
     * becomes a {@link TatraException} with {@code file:line}. Blank lines are skipped.
     */
    public static <T> List<T> read(Path file, List<String> columns, long maxBytes, Function<Row, T> parse) {
        try {
            if (Files.size(file) > maxBytes) throw new TatraException(file + ": larger than " + (maxBytes >> 20) + " MiB; not a file of a run");
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty()) throw new TatraException(file + ":1: empty file; expected a header with " + String.join(",", columns));
            String[] header = lines.get(0).split(",", -1);
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < header.length; i++) at.put(header[i].trim(), i);
            for (String c : columns) if (!at.containsKey(c)) throw new TatraException(file + ":1: no column '" + c + "'; expected " + String.join(",", columns));
            List<T> out = new ArrayList<>();
            for (int n = 1; n < lines.size(); n++) {
                if (lines.get(n).isBlank()) continue;
                String[] c = lines.get(n).split(",", -1);
                if (c.length != header.length) throw new TatraException(file + ":" + (n + 1) + ": " + c.length + " fields, the header has " + header.length);
                try {
                    out.add(parse.apply(new Row(at, c)));
                } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
                    throw new TatraException(file + ":" + (n + 1) + ": " + e.getMessage());
                }
            }
            return out;
        } catch (IOException | UncheckedIOException e) {
            throw new TatraException("cannot read " + file + " as UTF-8 text: " + e.getMessage(), e);
        }
    }
}
