package io.watchfloor.ingest.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a gzip body into a heap array, refusing to grow past a bound (a gzip bomb costs at most that).
 * Strict about framing, unlike {@link java.util.zip.GZIPInputStream}: the body must be one or more complete gzip
 * members (RFC 1952 allows concatenated members) and nothing else; trailing bytes that are not another member,
 * a truncated member or a CRC/size mismatch are an error. Not thread-safe (one call, one thread).
 */
final class BoundedGunzip {
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int CM_DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int HEADER_BYTES = 10;
    private static final int TRAILER_BYTES = 8;

    /** The decompressed bytes {@code [0, length)} of {@code bytes}; {@code length == -1} when over the bound. */
    record Result(byte[] bytes, int length) {
        boolean overLimit() {
            return length < 0;
        }
    }

    private BoundedGunzip() {
    }

    /**
     * @param compressed the gzip stream (one or more members), read from its reader index without moving it
     * @param maxBytes most decompressed bytes accepted
     * @throws IOException when the body is not a sequence of valid gzip members (trailing garbage included)
     */
    static Result gunzip(ByteBuf compressed, int maxBytes) throws IOException {
        final byte[] in;
        final int inStart;
        final int inEnd;
        if (compressed.hasArray()) {
            in = compressed.array();
            inStart = compressed.arrayOffset() + compressed.readerIndex();
        } else {
            in = ByteBufUtil.getBytes(compressed);
            inStart = 0;
        }
        inEnd = inStart + compressed.readableBytes();
        if (inEnd == inStart) {
            throw new IOException("empty gzip body");
        }
        byte[] out = new byte[Math.min(maxBytes, Math.max(CHUNK_BYTES, compressed.readableBytes() * 4))];
        int length = 0;
        int pos = inStart;
        final Inflater inflater = new Inflater(true);
        final CRC32 crc = new CRC32();
        try {
            while (pos < inEnd) {
                pos = skipHeader(in, pos, inEnd);
                inflater.reset();
                crc.reset();
                inflater.setInput(in, pos, inEnd - pos);
                final int memberStart = length;
                while (!inflater.finished()) {
                    if (length == out.length) {
                        if (length >= maxBytes) {
                            // full at the bound: finishing this member must not produce one more byte
                            if (inflater.inflate(new byte[1]) > 0) {
                                return new Result(null, -1);
                            }
                            if (!inflater.finished()) {
                                throw new IOException("truncated gzip member");
                            }
                            break;
                        }
                        out = Arrays.copyOf(out, (int) Math.min(maxBytes, (long) out.length * 2));
                    }
                    final int n = inflater.inflate(out, length, out.length - length);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IOException("truncated gzip member");
                    }
                    length += n;
                }
                crc.update(out, memberStart, length - memberStart);
                pos = inEnd - inflater.getRemaining();
                if (inEnd - pos < TRAILER_BYTES) {
                    throw new IOException("truncated gzip trailer");
                }
                if (le32(in, pos) != (int) crc.getValue() || le32(in, pos + 4) != length - memberStart) {
                    throw new IOException("gzip CRC or size mismatch");
                }
                pos += TRAILER_BYTES;
            }
            return new Result(out, length);
        } catch (DataFormatException e) {
            throw new IOException("invalid deflate data", e);
        } finally {
            inflater.end();
        }
    }

    /** @return the offset just after the member header at {@code pos} */
    private static int skipHeader(byte[] in, int pos, int end) throws IOException {
        if (end - pos < HEADER_BYTES || (in[pos] & 0xff) != ID1 || (in[pos + 1] & 0xff) != ID2
                || in[pos + 2] != CM_DEFLATE) {
            throw new IOException("not a gzip member");
        }
        final int flags = in[pos + 3] & 0xff;
        int p = pos + HEADER_BYTES;
        if ((flags & FEXTRA) != 0) {
            if (end - p < 2) {
                throw new IOException("truncated gzip header");
            }
            p += 2 + ((in[p] & 0xff) | (in[p + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            p = skipZeroTerminated(in, p, end);
        }
        if ((flags & FCOMMENT) != 0) {
            p = skipZeroTerminated(in, p, end);
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        if (p > end) {
            throw new IOException("truncated gzip header");
        }
        return p;
    }

    private static int skipZeroTerminated(byte[] in, int p, int end) throws IOException {
        while (p < end && in[p] != 0) {
            p++;
        }
        if (p >= end) {
            throw new IOException("truncated gzip header");
        }
        return p + 1;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }
}
