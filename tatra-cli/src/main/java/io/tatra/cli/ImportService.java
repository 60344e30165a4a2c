package io.tatra.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tatra.TatraException;
import io.tatra.ingest.BarImporter;
import io.tatra.ingest.DataReport;
import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportRefusedException;
import io.tatra.ingest.ImportResult;
import io.tatra.ingest.RateFile;
import io.tatra.journal.JournalKind;
import io.tatra.store.RateTable;
import io.tatra.journal.JournalReader;
import io.tatra.store.CandleTable;
import io.tatra.store.TatraStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Imports one file into the store: candles through the validating importer, or a trading journal. */
final class ImportService {
    /** The outcome of one file, as printed and as JSON; {@code report} is the validation report (null for journals). */
    record FileOutcome(String file, String status, String kind, String symbol, String interval, long bars, long added,
                       long unchanged, long conflicting, int errors, int warnings, int repairs, Instant first, Instant last,
                       String message, @JsonIgnore DataReport report) {
        boolean ok() { return status.equals("imported"); }
    }

    private ImportService() {}

    static FileOutcome importFile(TatraStore store, Path file, ImportOptions options, boolean replace) {
        if (Files.isRegularFile(file) && io.tatra.arrow.FreqtradeFeather.isFeather(file)) return importFeather(store, file, options, replace);
        RateFile.Kind rates = RateFile.detect(file);
        if (rates != null) return importRates(store, file, options.symbol(), replace);
        if (isBookFile(file)) return importBooks(store, file, replace);
        JournalKind journal = journalKind(file);
        if (journal != null) return importJournal(store, file, journal);
        try {
            return candles(store, file, BarImporter.read(file, options), replace);
        } catch (ImportRefusedException e) {
            return refused(file, e);
        }
    }

    private static FileOutcome candles(TatraStore store, Path file, ImportResult r, boolean replace) {
        DataReport rep = r.report();
        CandleTable.WriteResult w = store.candles().write(r.series(), replace);
        String msg = w.conflicting() > 0 ? w.conflicting() + " bars differ from the stored ones; "
                + (w.replaced() ? "replaced (--replace)" : "kept the stored values (use --replace to overwrite)") : null;
        return new FileOutcome(file.toString(), "imported", rep.format().id(), r.series().symbol().value(), r.series().interval().code(),
                r.series().size(), w.added(), w.unchanged(), w.conflicting(), rep.errors(), rep.warnings(), rep.repairs().size(),
                rep.first(), rep.last(), msg, rep);
    }

    private static FileOutcome refused(Path file, ImportRefusedException e) {
        DataReport rep = e.report();
        return new FileOutcome(file.toString(), "refused", rep.format() == null ? null : rep.format().id(),
                rep.symbol() == null ? null : rep.symbol().value(), rep.interval() == null ? null : rep.interval().code(),
                0, 0, 0, 0, rep.errors(), rep.warnings(), rep.repairs().size(), rep.first(), rep.last(), e.getMessage(), rep);
    }

    /** freqtrade's Feather files: candles through the candle checks, funding through the rate checks. */
    private static FileOutcome importFeather(TatraStore store, Path file, ImportOptions options, boolean replace) {
        if (io.tatra.arrow.FreqtradeFeather.isFunding(file)) return importRates(store, file, options.symbol(), replace);
        try {
            return candles(store, file, io.tatra.arrow.FreqtradeFeather.candles(file, options), replace);
        } catch (ImportRefusedException e) {
            return refused(file, e);
        } catch (io.tatra.TatraException e) {
            return new FileOutcome(file.toString(), "refused", "freqtrade-feather", null, null, 0, 0, 0, 0, 1, 0, 0, null, null, e.getMessage(), null);
        }
    }

    /** A funding-rate or open-interest file into its table; a bad line refuses the whole file (nothing stored). */
    private static FileOutcome importRates(TatraStore store, Path file, io.tatra.market.Symbol symbol, boolean replace) {
        RateFile.Result r;
        try {
            r = io.tatra.arrow.FreqtradeFeather.isFeather(file) ? io.tatra.arrow.FreqtradeFeather.funding(file, symbol) : RateFile.read(file, symbol);
        } catch (io.tatra.TatraException e) {
            return new FileOutcome(file.toString(), "refused", "rates", symbol == null ? null : symbol.value(), null, 0, 0, 0, 0, 1, 0, 0, null, null, e.getMessage(), null);
        }
        RateTable table = r.kind() == RateFile.Kind.FUNDING ? store.funding() : store.openInterest();
        RateTable.WriteResult w = table.write(r.symbol(), r.times(), r.values(), replace);
        List<String> notes = new java.util.ArrayList<>();
        if (r.floored() > 0) notes.add(r.floored() + " timestamps had sub-second jitter, floored to the second");
        if (w.conflicting() > 0) notes.add(w.conflicting() + " points differ from the stored ones; " + (replace ? "replaced (--replace)" : "kept the stored values (use --replace to overwrite)"));
        String kind = r.kind() == RateFile.Kind.FUNDING ? "funding" : "open-interest";
        return new FileOutcome(file.toString(), "imported", kind + " (" + r.format() + ")", r.symbol().value(), null, r.size(), w.added(), w.unchanged(), w.conflicting(),
                0, 0, r.floored(), java.time.Instant.ofEpochMilli(r.times()[0]), java.time.Instant.ofEpochMilli(r.times()[r.size() - 1]),
                notes.isEmpty() ? null : String.join("\n  ", notes), null);
    }

    private static FileOutcome importJournal(TatraStore store, Path file, JournalKind kind) {
        JournalReader.Result<? extends io.tatra.journal.JournalRecord> r = JournalReader.read(file, kind.type());
        long lines = r.records().size() + r.problems().size();
        if (r.problems().size() > Math.max(1, MAX_BAD_JOURNAL_SHARE * lines)) {
            String msg = file + ": " + r.problems().size() + " of " + lines + " lines are not " + kind.name().toLowerCase() + " records (more than "
                    + (int) (100 * MAX_BAD_JOURNAL_SHARE) + " %); the file is probably not this journal, so nothing was imported\n  "
                    + String.join("\n  ", r.problems().stream().limit(10).map(p -> file.getFileName() + ":" + p.line() + ": " + p.problem() + ": " + p.message()).toList());
            return new FileOutcome(file.toString(), "refused", kind.name().toLowerCase(), null, null, 0, 0, 0, 0, r.problems().size(), 0, 0, null, null, msg, null);
        }
        io.tatra.store.JournalTable.InsertResult w = store.journals().insert(r.records());
        List<String> notes = new java.util.ArrayList<>();
        if (!r.problems().isEmpty()) notes.add(r.problems().size() + " lines skipped: " + String.join("; ", r.problems().stream().limit(5).map(Object::toString).toList()));
        if (w.conflicting() > 0) notes.add(w.conflicting() + " records differ from the stored ones with the same key (kept the stored ones): "
                + String.join(", ", w.conflicts().stream().limit(5).toList()) + (w.conflicting() > 5 ? ", …" : ""));
        return new FileOutcome(file.toString(), "imported", kind.name().toLowerCase(), null, null, r.records().size(), w.added(),
                w.unchanged(), w.conflicting(), 0, r.problems().size(), 0, null, null, notes.isEmpty() ? null : String.join("\n  ", notes), null);
    }

    /**
     * Order-book snapshots ({@code books.jsonl} of a live session, or a file of the same lines) into the book table. A bad
     * line refuses the whole file with its line number; only a torn last line (a crash while appending) is skipped and said.
     */
    private static FileOutcome importBooks(TatraStore store, Path file, boolean replace) {
        JournalReader.Result<io.tatra.journal.BookRecord> r = JournalReader.read(file, io.tatra.journal.BookRecord.class);
        List<JournalReader.LineProblem> bad = r.problems().stream().filter(p -> p.problem() != JournalReader.Problem.TORN_TAIL).toList();
        if (!bad.isEmpty() || r.records().isEmpty()) {
            String msg = bad.isEmpty() ? file + ": no order book in the file" : file + ": " + bad.size() + (bad.size() == 1 ? " line is" : " lines are") + " not an order book, nothing was imported\n  "
                    + String.join("\n  ", bad.stream().limit(10).map(p -> file.getFileName() + ":" + p.line() + ": " + p.message()).toList());
            return new FileOutcome(file.toString(), "refused", "order-books", null, null, 0, 0, 0, 0, Math.max(1, bad.size()), 0, 0, null, null, msg, null);
        }
        io.tatra.store.BookTable.WriteResult w;
        try {
            w = store.books().write(r.records(), replace);
        } catch (IllegalArgumentException e) {
            return new FileOutcome(file.toString(), "refused", "order-books", null, null, 0, 0, 0, 0, 1, 0, 0, null, null, file + ": " + e.getMessage() + "; nothing was imported", null);
        }
        List<String> notes = new java.util.ArrayList<>();
        if (r.problems().size() > bad.size()) notes.add("a torn last line (a crash while writing) was skipped");
        if (w.conflicting() > 0) notes.add(w.conflicting() + " books differ from the stored ones; " + (replace ? "replaced (--replace)" : "kept the stored ones (use --replace to overwrite)"));
        var symbols = r.records().stream().map(io.tatra.journal.BookRecord::symbol).distinct().sorted().toList();
        Instant first = r.records().stream().map(io.tatra.journal.BookRecord::time).min(Instant::compareTo).orElseThrow();
        Instant last = r.records().stream().map(io.tatra.journal.BookRecord::time).max(Instant::compareTo).orElseThrow();
        return new FileOutcome(file.toString(), "imported", "order-books", String.join(",", symbols), null, r.records().size(), w.added(), w.unchanged(), w.conflicting(),
                0, 0, 0, first, last, notes.isEmpty() ? null : String.join("\n  ", notes), null);
    }

    /** Largest share of a journal's lines that may be skipped (torn, corrupt, not a record) before the file is refused. */
    static final double MAX_BAD_JOURNAL_SHARE = 0.01;

    /**
     * A JSON-lines file whose first recognisable line among its first five is a journal record, else null: a torn or
     * garbage first line does not make a journal read as candles.
     */
    static JournalKind journalKind(Path file) {
        for (String t : jsonHead(file, 5)) {
            JournalKind k = JournalKind.detect(t);
            if (k != null) return k;
        }
        return null;
    }

    /** Whether the first line of a JSON-lines file is an order book ({@code "bids"} and {@code "asks"}). */
    static boolean isBookFile(Path file) {
        List<String> head = jsonHead(file, 1);
        return !head.isEmpty() && head.get(0).contains("\"bids\"") && head.get(0).contains("\"asks\"");
    }

    /**
     * The first {@code n} non-blank lines of a JSON-lines file (plain or gzip, with or without a byte-order mark), trimmed,
     * up to the first that is not a JSON object; empty for a file that does not start like one (no line of a binary or
     * CSV file is read whole) or cannot be read as text (the candle importer then says why).
     */
    private static List<String> jsonHead(Path file, int n) {
        if (!Files.isRegularFile(file)) return List.of();
        boolean gzip;
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            int bom = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
            if (!gzip && (head.length <= bom || (head[bom] != '{' && !Character.isWhitespace(head[bom])))) return List.of();
        } catch (IOException e) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        try (var raw = Files.newInputStream(file);
             var un = gzip ? new java.util.zip.GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(un, StandardCharsets.UTF_8))) {
            while (out.size() < n) {
                String line = r.readLine();
                if (line == null) break;
                if (line.isBlank()) continue;
                String t = line.replace("\uFEFF", "").trim();
                if (!t.startsWith("{")) break;
                out.add(t);
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }


    static String line(FileOutcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(Path.of(o.file()).getFileName()).append(": ");
        if (!o.ok()) return sb.append("REFUSED\n").append(o.message()).toString();
        if (o.interval() == null && o.symbol() != null) {
            sb.append(o.symbol()).append(' ').append(o.kind()).append(", ").append(o.bars()).append(" points ").append(o.first()).append(" .. ").append(o.last())
                    .append(": ").append(o.added()).append(" added, ").append(o.unchanged()).append(" already stored");
            if (o.conflicting() > 0) sb.append(", ").append(o.conflicting()).append(" conflicting");
        } else if (o.symbol() == null) {
            sb.append(o.kind()).append(" journal, ").append(o.bars()).append(" records, ").append(o.added()).append(" added, ").append(o.unchanged()).append(" already stored");
            if (o.conflicting() > 0) sb.append(", ").append(o.conflicting()).append(" conflicting");
        } else {
            sb.append(o.symbol()).append(' ').append(o.interval()).append(" (").append(o.kind()).append("), ").append(o.bars()).append(" bars ")
                    .append(o.first()).append(" .. ").append(o.last()).append(": ").append(o.added()).append(" added, ")
                    .append(o.unchanged()).append(" already stored; ").append(o.warnings()).append(" warnings");
            if (o.repairs() > 0) sb.append(", ").append(o.repairs()).append(" repairs");
        }
        if (o.message() != null) sb.append("\n  ").append(o.message());
        return sb.toString();
    }

    static List<String> lines(List<FileOutcome> outcomes) {
        return outcomes.stream().map(ImportService::line).toList();
    }
}
