package io.watchfloor.ingest.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Decompresses a gzip body into a heap array, refusing to grow past a bound (a gzip bomb costs at most that). */
final class BoundedGunzip {
    private static final int CHUNK_BYTES = 64 * 1024;

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
     * @throws IOException when the stream is not valid gzip
     */
    static Result gunzip(ByteBuf compressed, int maxBytes) throws IOException {
        byte[] out = new byte[Math.min(maxBytes, Math.max(CHUNK_BYTES, compressed.readableBytes() * 4))];
        int length = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteBufInputStream(compressed.duplicate()), 8192)) {
            while (true) {
                if (length == out.length) {
                    if (length >= maxBytes) {
                        // the array is full at the bound: one more byte means too large
                        return in.read() < 0 ? new Result(out, length) : new Result(null, -1);
                    }
                    out = Arrays.copyOf(out, (int) Math.min(maxBytes, (long) out.length * 2));
                }
                final int n = in.read(out, length, out.length - length);
                if (n < 0) {
                    return new Result(out, length);
                }
                length += n;
            }
        }
    }
}
