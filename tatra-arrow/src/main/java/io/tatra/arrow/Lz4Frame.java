package io.tatra.arrow;

import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * An LZ4 frame decoder (the frame format pyarrow writes into Feather buffers), in plain Java: independent and linked
 * blocks alike (lz4-java's frame stream refuses linked ones), because every block is decoded into one output array and
 * a match may reach back into earlier blocks. Block and content checksums are verified when the frame carries them
 * (xxHash32). Every length and offset is checked; a damaged frame is an {@link IllegalArgumentException} with the reason.
 */
final class Lz4Frame {
    private static final int MAGIC = 0x184D2204;
    private static final XXHash32 XXH = XXHashFactory.safeInstance().hash32();

    private Lz4Frame() {}

    /** Decodes the frame(s) in {@code in[from, from+len)} into exactly {@code size} bytes. */
    static byte[] decode(byte[] in, int from, int len, int size) {
        byte[] out = new byte[size];
        int ip = from, end = from + len, op = 0;
        while (ip < end) {
            int magic = le32(in, ip, end);
            ip += 4;
            if ((magic & 0xFFFFFFF0) == 0x184D2A50) { // skippable frame
                int skip = le32(in, ip, end);
                ip += 4 + check(skip, end - ip - 4, "skippable frame");
                continue;
            }
            if (magic != MAGIC) throw new IllegalArgumentException("not an LZ4 frame (magic " + Integer.toHexString(magic) + ")");
            int flg = byteAt(in, ip++, end), bd = byteAt(in, ip++, end);
            if ((flg >>> 6) != 1) throw new IllegalArgumentException("LZ4 frame version " + (flg >>> 6));
            boolean blockChecksum = (flg & 0x10) != 0, contentSize = (flg & 0x08) != 0, contentChecksum = (flg & 0x04) != 0, dict = (flg & 0x01) != 0;
            if (dict) throw new IllegalArgumentException("LZ4 frame with a dictionary");
            int maxBlock = switch ((bd >>> 4) & 7) {
                case 4 -> 64 << 10;
                case 5 -> 256 << 10;
                case 6 -> 1 << 20;
                case 7 -> 4 << 20;
                default -> throw new IllegalArgumentException("LZ4 block size code " + ((bd >>> 4) & 7));
            };
            if (contentSize) ip += 8;
            ip++; // header checksum
            int frameStart = op;
            while (true) {
                int word = le32(in, ip, end);
                ip += 4;
                if (word == 0) break;
                int n = word & 0x7FFFFFFF;
                check(n, Math.min(end - ip, maxBlock), "block");
                int before = op;
                if ((word & 0x80000000) != 0) {
                    if (op + n > size) throw new IllegalArgumentException("LZ4 data longer than the " + size + " bytes announced");
                    System.arraycopy(in, ip, out, op, n);
                    op += n;
                } else {
                    op = block(in, ip, ip + n, out, op);
                }
                if (op - before > maxBlock) throw new IllegalArgumentException("an LZ4 block larger than its frame allows");
                if (blockChecksum) {
                    if (XXH.hash(in, ip, n, 0) != le32(in, ip + n, end)) throw new IllegalArgumentException("LZ4 block checksum mismatch");
                    ip += 4;
                }
                ip += n;
            }
            if (contentChecksum) {
                if (XXH.hash(out, frameStart, op - frameStart, 0) != le32(in, ip, end)) throw new IllegalArgumentException("LZ4 content checksum mismatch");
                ip += 4;
            }
        }
        if (op != size) throw new IllegalArgumentException("LZ4 data gave " + op + " bytes, " + size + " announced");
        return out;
    }

    /** One LZ4 block into {@code out} from {@code op}; returns the new output position. */
    private static int block(byte[] in, int ip, int end, byte[] out, int op) {
        while (ip < end) {
            int token = in[ip++] & 0xFF;
            int lit = token >>> 4;
            if (lit == 15) {
                int b;
                do {
                    b = byteAt(in, ip++, end);
                    lit += b;
                } while (b == 255);
            }
            if (lit > end - ip || lit > out.length - op) throw new IllegalArgumentException("LZ4 literals run past the data");
            System.arraycopy(in, ip, out, op, lit);
            ip += lit;
            op += lit;
            if (ip >= end) break; // the last sequence has literals only
            if (ip + 2 > end) throw new IllegalArgumentException("LZ4 match offset cut off");
            int offset = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
            ip += 2;
            if (offset == 0 || offset > op) throw new IllegalArgumentException("LZ4 match offset " + offset + " before the start of the data");
            int match = token & 15;
            if (match == 15) {
                int b;
                do {
                    b = byteAt(in, ip++, end);
                    match += b;
                } while (b == 255);
            }
            match += 4;
            if (match > out.length - op) throw new IllegalArgumentException("LZ4 match runs past the " + out.length + " bytes announced");
            for (int i = 0; i < match; i++) out[op + i] = out[op - offset + i]; // may overlap: byte by byte
            op += match;
        }
        return op;
    }

    private static int check(int n, int room, String what) {
        if (n < 0 || n > room) throw new IllegalArgumentException("LZ4 " + what + " of " + n + " bytes runs past the data");
        return n;
    }

    private static int byteAt(byte[] b, int i, int end) {
        if (i >= end) throw new IllegalArgumentException("LZ4 data cut off");
        return b[i] & 0xFF;
    }

    private static int le32(byte[] b, int i, int end) {
        if (i + 4 > end) throw new IllegalArgumentException("LZ4 data cut off");
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
