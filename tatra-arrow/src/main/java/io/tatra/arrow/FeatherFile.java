package io.tatra.arrow;

import io.tatra.TatraException;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.TimeUnit;
import org.apache.arrow.flatbuf.Timestamp;
import org.apache.arrow.flatbuf.Type;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Feather v2 file (Apache Arrow IPC file format) read into columns of numbers: timestamps (converted to epoch
 * milliseconds), 8-to-64-bit integers and floats. Record batches may be LZ4-frame compressed (what pyarrow and freqtrade
 * write by default), decoded by {@link Lz4Frame} (pure Java, linked blocks too); ZSTD and nested or dictionary columns are refused
 * with the column named. Only Arrow's flatbuffer metadata classes are used: no off-heap allocator, no JVM flags.
 * Every offset and length read from the file is checked against the file, so a damaged file is an error, not a crash.
 */
public final class FeatherFile {
    /** Largest file read (the whole file is mapped into memory). */
    public static final long MAX_BYTES = 2L << 30;
    /** Most rows read (a damaged length could otherwise ask for any amount of memory). */
    public static final int MAX_ROWS = 100_000_000;
    private static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    /** One numeric column; for timestamps, {@code millis} holds epoch milliseconds. */
    public record Column(String name, boolean timestamp, long[] millis, double[] values) {}

    /** The columns by name, in file order, and the row count. */
    public record Table(Map<String, Column> columns, int rows) {
        public Column column(Path file, String name) {
            Column c = columns.get(name);
            if (c == null) throw new TatraException(file + ": no column '" + name + "' (columns: " + columns.keySet() + ")");
            return c;
        }
    }

    private FeatherFile() {}

    public static Table read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) throw new TatraException(file + ": " + size + " bytes, larger than the " + (MAX_BYTES >> 30) + " GiB a Feather file may have here");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TatraException(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            return parse(file, bytes);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | java.nio.BufferUnderflowException | ArithmeticException | NegativeArraySizeException e) {
            if (e instanceof TatraException t) throw t;
            throw new TatraException(file + ": damaged Arrow metadata (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static Table parse(Path file, byte[] b) {
        int n = b.length;
        if (n < 22 || !startsWith(b, 0) || !startsWith(b, n - 6)) throw new TatraException(file + ": not a Feather v2 / Arrow IPC file (no ARROW1 magic at both ends)");
        ByteBuffer all = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int footerLen = all.getInt(n - 10);
        if (footerLen <= 0 || footerLen > n - 18) throw new TatraException(file + ": damaged footer length " + footerLen);
        Footer footer = Footer.getRootAsFooter(slice(all, n - 10 - footerLen, footerLen));
        Schema schema = footer.schema();
        if (schema == null) throw new TatraException(file + ": the footer has no schema");
        int fields = schema.fieldsLength();
        String[] names = new String[fields];
        byte[] types = new byte[fields];
        int[] timeUnit = new int[fields], intBits = new int[fields];
        for (int f = 0; f < fields; f++) {
            Field field = schema.fields(f);
            names[f] = field.name() == null ? "column" + f : field.name();
            types[f] = field.typeType();
            if (field.childrenLength() > 0 || field.dictionary() != null) throw new TatraException(file + ": column '" + names[f] + "' is nested or dictionary-encoded; only numeric columns are read");
            if (types[f] == Type.Timestamp) timeUnit[f] = ((Timestamp) field.type(new Timestamp())).unit();
            else if (types[f] == Type.Int) intBits[f] = ((Int) field.type(new Int())).bitWidth();
            else if (types[f] == Type.FloatingPoint) intBits[f] = ((FloatingPoint) field.type(new FloatingPoint())).precision() == Precision.DOUBLE ? 64 : 32;
        }
        int rows = 0;
        for (int k = 0; k < footer.recordBatchesLength(); k++) rows = Math.addExact(rows, (int) batch(file, all, footer.recordBatches(k)).length());
        if (rows > MAX_ROWS) throw new TatraException(file + ": " + rows + " rows announced, more than the " + MAX_ROWS + " read here");
        long[][] longs = new long[fields][rows];
        double[][] doubles = new double[fields][rows];
        int at = 0;
        for (int k = 0; k < footer.recordBatchesLength(); k++) {
            Block block = footer.recordBatches(k);
            RecordBatch rb = batch(file, all, block);
            int len = (int) rb.length();
            long bodyStart = block.offset() + block.metaDataLength();
            if (bodyStart < 0 || bodyStart + block.bodyLength() > n) throw new TatraException(file + ": record batch " + k + " lies outside the file");
            BodyCompression comp = rb.compression();
            int buffer = 0;
            for (int f = 0; f < fields; f++) {
                FieldNode node = rb.nodes(f);
                int buffers = types[f] == Type.Utf8 || types[f] == Type.Binary ? 3 : 2;
                boolean numeric = types[f] == Type.Timestamp || types[f] == Type.Int || types[f] == Type.FloatingPoint;
                if (numeric) {
                    if (node.nullCount() > 0) throw new TatraException(file + ": column '" + names[f] + "' has " + node.nullCount() + " missing values in record batch " + k);
                    var data = rb.buffers(buffer + 1);
                    ByteBuffer v = bytes(file, all, bodyStart, block.bodyLength(), data.offset(), data.length(), comp, names[f]);
                    int width = types[f] == Type.Timestamp ? 64 : intBits[f];
                    if (v.remaining() < (long) len * width / 8) throw new TatraException(file + ": column '" + names[f] + "' holds fewer values than the batch's " + len + " rows");
                    for (int i = 0; i < len; i++) {
                        switch (types[f]) {
                            case Type.Timestamp -> longs[f][at + i] = toMillis(v.getLong(i * 8), timeUnit[f]);
                            case Type.Int -> longs[f][at + i] = switch (width) {
                                case 8 -> v.get(i);
                                case 16 -> v.getShort(i * 2);
                                case 32 -> v.getInt(i * 4);
                                default -> v.getLong(i * 8);
                            };
                            default -> doubles[f][at + i] = width == 64 ? v.getDouble(i * 8) : v.getFloat(i * 4);
                        }
                        if (types[f] == Type.Int) doubles[f][at + i] = longs[f][at + i];
                    }
                }
                buffer += buffers;
            }
            at += len;
        }
        Map<String, Column> out = new LinkedHashMap<>();
        for (int f = 0; f < fields; f++)
            if (types[f] == Type.Timestamp || types[f] == Type.Int || types[f] == Type.FloatingPoint)
                out.put(names[f], new Column(names[f], types[f] == Type.Timestamp, longs[f], doubles[f]));
        return new Table(out, rows);
    }

    private static RecordBatch batch(Path file, ByteBuffer all, Block block) {
        long off = block.offset();
        if (off < 8 || off + 8 > all.capacity()) throw new TatraException(file + ": a record batch offset lies outside the file");
        int first = all.getInt((int) off);
        int metaLen = first == -1 ? all.getInt((int) off + 4) : first;
        int metaStart = (int) off + (first == -1 ? 8 : 4);
        if (metaLen <= 0 || metaStart + (long) metaLen > all.capacity()) throw new TatraException(file + ": damaged record batch metadata length " + metaLen);
        Message m = Message.getRootAsMessage(slice(all, metaStart, metaLen));
        if (m.headerType() != MessageHeader.RecordBatch) throw new TatraException(file + ": a block that is not a record batch");
        RecordBatch rb = (RecordBatch) m.header(new RecordBatch());
        if (rb == null || rb.length() < 0 || rb.length() > Integer.MAX_VALUE) throw new TatraException(file + ": damaged record batch");
        return rb;
    }

    /** One buffer of a batch's body, decompressed when the batch is compressed. */
    private static ByteBuffer bytes(Path file, ByteBuffer all, long bodyStart, long bodyLength, long offset, long length, BodyCompression comp, String column) {
        if (offset < 0 || length < 0 || offset + length > bodyLength) throw new TatraException(file + ": column '" + column + "': a buffer lies outside its record batch");
        ByteBuffer raw = slice(all, (int) (bodyStart + offset), (int) length);
        if (comp == null || length == 0) return raw;
        if (length < 8) throw new TatraException(file + ": column '" + column + "': a compressed buffer shorter than its length prefix");
        long plain = raw.getLong(0);
        if (plain == -1) return slice(raw, 8, (int) length - 8);
        if (plain < 0 || plain > MAX_BYTES) throw new TatraException(file + ": column '" + column + "': impossible uncompressed length " + plain);
        if (comp.codec() != CompressionType.LZ4_FRAME)
            throw new TatraException(file + ": column '" + column + "' is ZSTD-compressed; only LZ4 (freqtrade's and pyarrow's default) is read here. Re-save with compression='lz4'");
        int from = (int) (bodyStart + offset + 8);
        try {
            return ByteBuffer.wrap(Lz4Frame.decode(all.array(), from, (int) length - 8, (int) plain)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IllegalArgumentException e) {
            throw new TatraException(file + ": column '" + column + "': damaged LZ4 data (" + e.getMessage() + ")");
        }
    }

    private static long toMillis(long v, int unit) {
        return switch (unit) {
            case TimeUnit.SECOND -> Math.multiplyExact(v, 1000L);
            case TimeUnit.MILLISECOND -> v;
            case TimeUnit.MICROSECOND -> Math.floorDiv(v, 1000L);
            default -> Math.floorDiv(v, 1_000_000L);
        };
    }

    private static ByteBuffer slice(ByteBuffer b, int from, int len) {
        if (from < 0 || len < 0 || (long) from + len > b.capacity()) throw new IndexOutOfBoundsException("range " + from + "+" + len + " outside " + b.capacity());
        return b.slice(from, len).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean startsWith(byte[] b, int at) {
        for (int i = 0; i < MAGIC.length; i++) if (b[at + i] != MAGIC[i]) return false;
        return true;
    }
}
