package io.tatra.ingest;

import io.tatra.TatraException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a data file as text: gzip is detected by its magic bytes (not by the name), binary content and
 * invalid UTF-8 are refused, and read errors name the file and the line where they happened. Input is capped:
 * a line longer than {@link #maxLineChars()} or more than {@link #maxBytes()} of (decompressed) text is refused
 * before it can exhaust memory — a 2 MB gzip bomb or a 200 MB single line is an error with the limit, not a crash.
 * Both limits are system properties ({@code tatra.import.maxLineChars}, {@code tatra.import.maxBytes}).
 */
final class SourceFile implements AutoCloseable {
    /** Default longest line: 1 MiB characters (a candle row is under 200). */
    static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;
    /** Default most text per file: 8 GiB decompressed (about 100 million rows). */
    static final long DEFAULT_MAX_BYTES = 8L << 30;

    static int maxLineChars() { return Integer.getInteger("tatra.import.maxLineChars", DEFAULT_MAX_LINE_CHARS); }

    static long maxBytes() { return Long.getLong("tatra.import.maxBytes", DEFAULT_MAX_BYTES); }

    private final Path path;
    private final java.io.Reader reader;
    private final char[] buf = new char[1 << 16];
    private int pos, limit;
    private final StringBuilder line = new StringBuilder(256);
    private final int maxLine = maxLineChars();
    private long lineNo;

    private String peek = "";

    private SourceFile(Path path, java.io.Reader reader) {
        this.path = path;
        this.reader = reader;
    }

    /** The first few non-blank characters of the (decompressed) text, read without consuming anything. */
    String peek() { return peek; }

    /**
     * The whole text as one stream, for formats that are not line-based (a freqtrade JSON file is one line of megabytes);
     * only before the first {@link #next()}. The decompressed-size cap still applies.
     */
    java.io.Reader whole() {
        if (lineNo > 0 || pos != limit) throw new IllegalStateException("whole() after lines were read");
        return reader;
    }

    static SourceFile open(Path path) {
        if (Files.exists(path) && !Files.isRegularFile(path))
            throw new TatraException(path + " is not a regular file (a directory, pipe or device); give a candle file");
        if (!Files.exists(path)) throw new TatraException(path + ": no such file");
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            raw.mark(4);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            if (!gzip && path.getFileName().toString().endsWith(".gz")) {
                raw.close();
                throw new TatraException(path + ": named .gz but is not gzip data (no gzip header); rename it or re-compress it");
            }
            InputStream in = new Capped(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw, path, maxBytes());
            in.mark(8192);
            byte[] head = in.readNBytes(8192);
            in.reset();
            checkText(path, head);
            CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            SourceFile f = new SourceFile(path, new InputStreamReader(in, dec));
            String text = new String(head, 0, Math.min(head.length, 256), StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
            f.peek = text.length() > 32 ? text.substring(0, 32) : text;
            return f;
        } catch (NoSuchFileException e) {
            throw new TatraException(path + ": no such file");
        } catch (ZipException e) {
            throw new TatraException(path + ": corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new TatraException(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static void checkText(Path path, byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) throw new TatraException(path + ": binary content (NUL bytes) — not a CSV or JSON text file");
            if (b >= 0 && b < 32 && b != '\n' && b != '\r' && b != '\t') control++;
        }
        if (head.length > 0 && control > head.length / 20) {
            throw new TatraException(path + ": binary content (" + control + " control bytes in the first " + head.length + ") — not a CSV or JSON text file");
        }
    }

    /** The next line (without terminator: \n, \r\n or \r), or null at the end; a line over the cap is an error. */
    String next() {
        try {
            String s = readLine();
            if (s != null) {
                lineNo++;
                if (lineNo == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') s = s.substring(1); // BOM
            }
            return s;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new TatraException(path + " line " + (lineNo + 1) + ": not valid UTF-8 text (binary data or another encoding)");
        } catch (java.io.EOFException e) {
            throw new TatraException(path + " line " + (lineNo + 1) + ": gzip stream ends early (truncated file); " + lineNo + " lines read");
        } catch (ZipException e) {
            throw new TatraException(path + " line " + (lineNo + 1) + ": corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new TatraException(path + " line " + (lineNo + 1) + ": read error (" + e.getMessage() + ")");
        }
    }

    private boolean skipLf;

    private String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = reader.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line.toString() : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') pos++;
                continue;
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') pos++;
            line.append(buf, start, pos - start);
            if (line.length() > maxLine)
                throw new TatraException(path + " line " + (lineNo + 1) + ": longer than " + maxLine + " characters; not a candle file "
                        + "(or raise -Dtatra.import.maxLineChars)");
            if (pos < limit) {
                skipLf = buf[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }

    /** Counts the (decompressed) bytes read and stops at the cap. */
    private static final class Capped extends java.io.FilterInputStream {
        private final Path path;
        private final long max;
        private long read;

        Capped(InputStream in, Path path, long max) {
            super(in);
            this.path = path;
            this.max = max;
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > max) throw new TatraException(path + ": more than " + max + " bytes of text" + " (decompressed); refused before it exhausts memory "
                    + "(raise -Dtatra.import.maxBytes for a genuinely larger file)");
        }
    }

    long lineNo() { return lineNo; }

    Path path() { return path; }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was written; a close error on a read-only stream loses nothing
        }
    }
}
