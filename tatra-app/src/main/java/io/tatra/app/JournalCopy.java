package io.tatra.app;

import io.tatra.journal.BookRecord;
import io.tatra.journal.JournalKind;
import io.tatra.journal.JournalReader;
import io.tatra.journal.JournalRecord;
import io.tatra.store.BookTable;
import io.tatra.store.JournalTable;
import io.tatra.store.TatraStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies a live session's trading journals (decisions, outcomes, feature snapshots, order books at each close) into the store, where retraining
 * and analysis read them with the market data. {@code tatra live} does it at the end of every session; a paper run,
 * a simulation, stays out of the store unless imported on purpose, so simulated and real records never mix. The JSONL files stay the crash-safe record; the copy is keyed, so copying
 * again (at the next start, after a crash, by {@code tatra import}) adds only what is new. A torn or corrupt line is
 * skipped and counted, never guessed.
 */
public final class JournalCopy {
    private JournalCopy() {}

    /** What one journal's copy did. */
    public record Copied(long records, long added, long unchanged, long conflicting, long skippedLines) {}

    /** Copies every journal present in {@code dir} into the store of {@code home}; by journal name. */
    public static Map<String, Copied> toStore(Path home, Path dir) {
        Map<String, Copied> out = new LinkedHashMap<>();
        try (TatraStore store = TatraStore.open(home)) {
            for (JournalKind k : JournalKind.values()) {
                Path f = dir.resolve(k.fileName());
                if (!Files.isRegularFile(f)) continue;
                JournalReader.Result<? extends JournalRecord> r = JournalReader.read(f, k.type());
                JournalTable.InsertResult w = store.journals().insert(r.records());
                out.put(k.fileName(), new Copied(r.records().size(), w.added(), w.unchanged(), w.conflicting(), r.problems().size()));
            }
            Path books = dir.resolve(BookRecord.FILE_NAME);
            if (Files.isRegularFile(books)) {
                JournalReader.Result<BookRecord> r = JournalReader.read(books, BookRecord.class);
                BookTable.WriteResult w = store.books().write(r.records(), false);
                out.put(BookRecord.FILE_NAME, new Copied(r.records().size(), w.added(), w.unchanged(), w.conflicting(), r.problems().size()));
            }
        }
        return out;
    }

    /** Copies the session's journals into the store; a store another process holds is said, not fatal (the files stay). */
    public static Map<String, Copied> toStoreOrSay(Path home, Path dir, java.util.function.Consumer<String> say) {
        try {
            return JournalCopy.toStore(home, dir);
        } catch (io.tatra.TatraException e) {
            say.accept("tatra: warning: the journals were not copied to the store (" + e.getMessage() + "); `tatra import " + dir + "/*.jsonl` copies them later");
            return Map.of();
        }
    }

    /** One line for the terminal: "decisions.jsonl 120 (+120), …". */
    public static String summary(Map<String, Copied> copied) {
        StringBuilder sb = new StringBuilder();
        copied.forEach((name, c) -> {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(name).append(' ').append(c.records()).append(" (+").append(c.added()).append(')');
            if (c.conflicting() > 0) sb.append(", ").append(c.conflicting()).append(" differing from the stored ones (kept)");
            if (c.skippedLines() > 0) sb.append(", ").append(c.skippedLines()).append(" bad lines skipped");
        });
        return sb.isEmpty() ? "no journals" : sb.toString();
    }
}
