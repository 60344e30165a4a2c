package io.tatra.arrow;

import com.google.flatbuffers.FlatBufferBuilder;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.TimeUnit;
import org.apache.arrow.flatbuf.Timestamp;
import org.apache.arrow.flatbuf.Type;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A minimal Feather v2 writer for tests: a nanosecond "date" column and double columns, one record batch, optionally LZ4. */
final class FeatherWriter {
    private FeatherWriter() {}

    static byte[] write(long[] dateMillis, String[] names, double[][] columns, boolean lz4, long nullsInFirst) throws IOException {
        int rows = dateMillis.length, fields = 1 + names.length;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long[][] buffers = new long[fields * 2][];
        for (int f = 0; f < fields; f++) {
            ByteBuffer data = ByteBuffer.allocate(rows * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < rows; i++) {
                if (f == 0) data.putLong(dateMillis[i] * 1_000_000L);
                else data.putDouble(columns[f - 1][i]);
            }
            buffers[2 * f] = new long[]{body.size(), 0};
            int start = body.size();
            byte[] raw = data.array();
            if (lz4) {
                ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(raw.length);
                body.write(prefix.array());
                ByteArrayOutputStream c = new ByteArrayOutputStream();
                try (LZ4FrameOutputStream o = new LZ4FrameOutputStream(c)) {
                    o.write(raw);
                }
                body.write(c.toByteArray());
            } else {
                body.write(raw);
            }
            buffers[2 * f + 1] = new long[]{start, body.size() - start};
            while (body.size() % 8 != 0) body.write(0);
        }
        FlatBufferBuilder b = new FlatBufferBuilder();
        int compression = lz4 ? BodyCompression.createBodyCompression(b, (byte) 0, (byte) 0) : 0;
        RecordBatch.startNodesVector(b, fields);
        for (int f = fields - 1; f >= 0; f--) FieldNode.createFieldNode(b, rows, f == 1 ? nullsInFirst : 0);
        int nodes = b.endVector();
        RecordBatch.startBuffersVector(b, fields * 2);
        for (int k = fields * 2 - 1; k >= 0; k--) Buffer.createBuffer(b, buffers[k][0], buffers[k][1]);
        int bufs = b.endVector();
        RecordBatch.startRecordBatch(b);
        RecordBatch.addLength(b, rows);
        RecordBatch.addNodes(b, nodes);
        RecordBatch.addBuffers(b, bufs);
        if (lz4) RecordBatch.addCompression(b, compression);
        int rb = RecordBatch.endRecordBatch(b);
        int msg = Message.createMessage(b, MetadataVersion.V5, MessageHeader.RecordBatch, rb, body.size(), 0);
        b.finish(msg);
        byte[] meta = b.sizedByteArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[]{'A', 'R', 'R', 'O', 'W', '1', 0, 0});
        long blockOffset = file.size();
        int metaPadded = (meta.length + 8 + 7) / 8 * 8;
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(metaPadded - 8);
        file.write(header.array());
        file.write(meta);
        for (int i = meta.length + 8; i < metaPadded; i++) file.write(0);
        file.write(body.toByteArray());
        FlatBufferBuilder fb = new FlatBufferBuilder();
        int[] fieldOffsets = new int[fields];
        for (int f = 0; f < fields; f++) {
            int name = fb.createString(f == 0 ? "date" : names[f - 1]);
            int type = f == 0 ? Timestamp.createTimestamp(fb, TimeUnit.NANOSECOND, fb.createString("UTC")) : FloatingPoint.createFloatingPoint(fb, Precision.DOUBLE);
            fieldOffsets[f] = Field.createField(fb, name, true, f == 0 ? Type.Timestamp : Type.FloatingPoint, type, 0, 0, 0);
        }
        int fieldsVec = Schema.createFieldsVector(fb, fieldOffsets);
        int schema = Schema.createSchema(fb, (short) 0, fieldsVec, 0, 0);
        Footer.startRecordBatchesVector(fb, 1);
        Block.createBlock(fb, blockOffset, metaPadded, body.size());
        int blocks = fb.endVector();
        int footer = Footer.createFooter(fb, MetadataVersion.V5, schema, 0, blocks, 0);
        fb.finish(footer);
        byte[] foot = fb.sizedByteArray();
        file.write(foot);
        file.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(foot.length).array());
        file.write(new byte[]{'A', 'R', 'R', 'O', 'W', '1'});
        return file.toByteArray();
    }
}
