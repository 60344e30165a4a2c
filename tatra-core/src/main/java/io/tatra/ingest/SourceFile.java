package io.tatra.ingest;

import io.tatra.TatraException;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
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
 * invalid UTF-8 are refused, and read errors name the file and the line where they happened.
 */
final class SourceFile implements AutoCloseable {
    private final Path path;
    private final BufferedReader reader;
    private long lineNo;

    private SourceFile(Path path, BufferedReader reader) {
        this.path = path;
        this.reader = reader;
    }

    static SourceFile open(Path path) {
        if (Files.exists(path) && !Files.isRegularFile(path))
            throw new io.tatra.TatraException(path + " is not a regular file (a directory, pipe or device); give a candle file");
        if (!Files.exists(path)) throw new TatraException(path + ": no such file");
        if (Files.isDirectory(path)) throw new TatraException(path + ": is a directory, expected a data file");
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
            InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            in.mark(8192);
            byte[] head = in.readNBytes(8192);
            in.reset();
            checkText(path, head);
            CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            return new SourceFile(path, new BufferedReader(new InputStreamReader(in, dec), 1 << 16));
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

    /** The next line (without terminator), or null at the end. */
    String next() {
        try {
            String s = reader.readLine();
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
