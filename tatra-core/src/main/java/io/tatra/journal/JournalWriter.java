package io.tatra.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tatra.TatraException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to a JSONL log, crash-safely: each record is one complete line written with a single
 * write to a file opened in append mode, then forced to disk ({@link Durability#FSYNC}) or left to the OS
 * ({@link Durability#FLUSH}). A crash can therefore only tear the last line; on open, a torn tail is
 * closed with a newline so the next record starts on a line of its own, and the reader reports the torn
 * line. An exclusive lock keeps a second writer out.
 */
public final class JournalWriter<T> implements AutoCloseable {
    /** Whether each append waits for the disk. */
    public enum Durability { FLUSH, FSYNC }

    private final Path path;
    private final Class<T> type;
    private final FileChannel channel; // holds the lock; no I/O on it after opening (see the note above append)
    private final java.io.FileOutputStream out;
    private final FileLock lock;
    private final Durability durability;

    private JournalWriter(Path path, Class<T> type, FileChannel channel, java.io.FileOutputStream out, FileLock lock, Durability durability) {
        this.path = path;
        this.type = type;
        this.channel = channel;
        this.out = out;
        this.lock = lock;
        this.durability = durability;
    }

    public static <T> JournalWriter<T> open(Path path, Class<T> type, Durability durability) {
        FileChannel ch = null;
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw new TatraException(path + ": another writer holds this journal");
            long size = ch.size();
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') ch.write(ByteBuffer.wrap(new byte[]{'\n'}), size); // close a torn tail
            }
            return new JournalWriter<>(path, type, ch, new java.io.FileOutputStream(path.toFile(), true), lock, durability);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new TatraException(path + ": cannot open journal for appending (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /*
     * A FileChannel closes itself for good when a thread is interrupted during I/O on it, or does I/O with its interrupt
     * flag set (ClosedByInterruptException), and every later append and the close then fail. Journals are shared: a
     * thread interrupted by an executor's shutdownNow() while it logs would take the session's events journal down with
     * it (seen twice: "events.jsonl: close failed" at a paper run's end; clearing the flag around the I/O did not cover
     * an interrupt arriving during it). So the records go through a FileOutputStream in append mode, whose writes and
     * syncs are not interruptible; the channel only takes the lock and closes a torn tail when the journal is opened.
     */

    public synchronized void append(T record) { // one line whole, whichever thread appends
        if (!type.isInstance(record)) throw new IllegalArgumentException(path + " holds " + type.getSimpleName() + " records, not " + record.getClass().getSimpleName());
        byte[] line;
        try {
            line = (io.tatra.Json.MAPPER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + record, e);
        }
        io(() -> {
            out.write(line);
            if (durability == Durability.FSYNC) out.getFD().sync();
        }, "append failed", "; earlier records are intact");
    }

    /**
     * Forces what was appended so far to the disk (a {@link Durability#FLUSH} writer's records survive the process at
     * once, the OS's crash only after this). Safe to call from another thread than the one appending.
     */
    public void force() {
        io(() -> out.getFD().sync(), "could not force the journal to disk", "");
    }

    public Path path() { return path; }

    private interface Io { void run() throws IOException; }

    /** Runs the journal's I/O, saying which journal failed and how. */
    private void io(Io io, String failed, String more) {
        try {
            io.run();
        } catch (IOException e) {
            throw new TatraException(path + ": " + failed + " (" + e.getMessage() + ")" + more, e);
        }
    }

    @Override
    public void close() {
        try {
            io(() -> {
                out.getFD().sync();
                out.close();
                lock.release();
            }, "close failed", "");
        } finally {
            closeQuietly(out);
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(java.io.Closeable ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing; the original error is reported
        }
    }
}
