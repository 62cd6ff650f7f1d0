package io.watchfloor.ingest.framing;

import io.netty.buffer.ByteBuf;

/**
 * Splits a syslog TCP byte stream into frames, detecting the framing per frame (RFC 6587 §3.4): a frame that
 * starts with {@code NONZERO-DIGIT *DIGIT SP <} is octet-counted ({@code MSG-LEN SP SYSLOG-MSG}, and a SYSLOG-MSG
 * starts with its PRI, RFC 5424 §6), anything else is non-transparent framing ended by LF. LF is the only
 * trailer: one NUL and one CR right before it (in either order) are stripped, other NUL, CR and TAB bytes are
 * content. Requiring the {@code <} keeps PRI-less lines that start with a number ({@code 134681 node-246 …},
 * {@code 1 2019-05-15T16:25:50Z …}) from being read as a length that swallows the lines after them.
 *
 * <p>Not a Netty handler, so the TCP listener, the CLI, benchmarks and property tests run the same code. The
 * caller owns a cumulation buffer: {@link #decode} consumes every complete frame from its reader index and
 * leaves an incomplete tail in place; the caller appends the next bytes after it and calls again. State (the
 * framing of the current frame, how far the LF scan got, what is left to skip) is kept between calls as an
 * offset from the reader index, so the caller may discard read bytes in between.
 *
 * <p>Bounds: a frame longer than the maximum is emitted cut to the maximum with {@code truncated = true}, and
 * the rest of it is skipped (by MSG-LEN, or up to the next LF), so the remainder is never re-read as new
 * messages (rsyslog#3580). A MSG-LEN of more than {@link #MAX_MSG_LEN_DIGITS} digits or above
 * {@link #MAX_MSG_LEN_BYTES} is not trusted and the frame falls back to LF framing, as does a leading digit that
 * is not followed by digits, SP and {@code <} (PRI-less lines such as {@code 2025-04-30 ...}, Cisco
 * {@code 137: ...} or {@code 134681 node-246 ...}, rsyslog#5128). When the bytes after the digits have not arrived
 * yet, the decoder waits for them, so the frames do not depend on how the stream is split into reads. Empty LF
 * frames are skipped.
 *
 * <p>Not thread-safe: one instance per connection. No allocation per frame.
 */
public final class SyslogFrameDecoder {
    /** Default maximum frame length: 64 KiB (RFC 5425 §4.3.1 asks for at least 8192). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    /** Smallest accepted maximum frame length. */
    public static final int MIN_MAX_FRAME_BYTES = 64;
    /** A MSG-LEN with more digits than this is not a length: the frame is read as LF-framed text. */
    public static final int MAX_MSG_LEN_DIGITS = 9;
    /** A MSG-LEN above this is not trusted: the frame is read as LF-framed text. 256 MiB. */
    public static final int MAX_MSG_LEN_BYTES = 256 * 1024 * 1024;

    /** Receives the frames the decoder finds; see {@link #frame}. */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * One frame: bytes {@code [index, index + length)} of {@code buf}, without framing (no MSG-LEN, no
         * trailer). Valid only during the call: copy what must outlive it, never retain {@code buf}.
         *
         * @param buf the buffer holding the frame
         * @param index absolute index of the frame's first byte in {@code buf}
         * @param length the frame's length in bytes, from 1 to the maximum frame length
         * @param truncated true when the frame was longer than the maximum and was cut to it
         */
        void frame(ByteBuf buf, int index, int length, boolean truncated);
    }

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte NUL = 0;
    private static final byte SP = ' ';
    private static final byte PRI_START = '<';
    /** Bytes an LF frame may have beyond its content: one NUL, one CR and the LF. */
    private static final int TRAILER_BYTES = 3;

    private static final int FRAME_START = 0;
    private static final int LF_FRAME = 1;
    private static final int OCTET_FRAME = 2;
    private static final int SKIP_BYTES = 3;
    private static final int SKIP_LINE = 4;

    private final int maxFrameBytes;
    private int state = FRAME_START;
    /** LF_FRAME: bytes after the reader index already scanned without finding a trailer. */
    private int scannedBytes;
    /** OCTET_FRAME: MSG-LEN of the current frame; SKIP_BYTES: bytes still to skip. */
    private int frameBytes;

    /** @param maxFrameBytes the longest frame emitted whole; longer ones are cut to it */
    public SyslogFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < MIN_MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "maxFrameBytes : " + maxFrameBytes + " (expected: >= " + MIN_MAX_FRAME_BYTES + ")");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** @return the longest frame emitted whole */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * Emits every complete frame readable in {@code in} and advances its reader index past them; an incomplete
     * frame stays readable for the next call.
     */
    public void decode(ByteBuf in, FrameSink sink) {
        while (in.isReadable()) {
            final boolean progressed;
            switch (state) {
                case FRAME_START:
                    progressed = detectFraming(in);
                    break;
                case LF_FRAME:
                    progressed = decodeLfFrame(in, sink);
                    break;
                case OCTET_FRAME:
                    progressed = decodeOctetFrame(in, sink);
                    break;
                case SKIP_BYTES:
                    progressed = skipBytes(in);
                    break;
                default:
                    progressed = skipLine(in);
                    break;
            }
            if (!progressed) {
                return;
            }
        }
    }

    /**
     * The peer closed the stream: emits the complete frames, then whatever is left as a last frame (an LF frame
     * without trailer, or the received part of an octet-counted frame flagged truncated). Consumes all of
     * {@code in} and resets the decoder for reuse.
     */
    public void endOfStream(ByteBuf in, FrameSink sink) {
        decode(in, sink);
        final int start = in.readerIndex();
        final int available = in.readableBytes();
        if (available > 0) {
            if (state == FRAME_START || state == LF_FRAME) {
                emitLine(in, start, contentEnd(in, start, start + available) - start, sink);
            } else if (state == OCTET_FRAME) {
                sink.frame(in, start, Math.min(available, maxFrameBytes), true);
            }
            in.skipBytes(available);
        }
        reset();
    }

    /** Forgets any partial frame; the next byte starts a new frame. */
    public void reset() {
        state = FRAME_START;
        scannedBytes = 0;
        frameBytes = 0;
    }

    /**
     * RFC 6587 §3.4.1: octet counting iff the frame starts with {@code NONZERO-DIGIT *DIGIT SP <} (MSG-LEN, then a
     * SYSLOG-MSG, which starts with PRI) and MSG-LEN is within the guard; otherwise LF framing. Waits (returns
     * false) while the bytes that decide have not arrived.
     */
    private boolean detectFraming(ByteBuf in) {
        final int start = in.readerIndex();
        final byte first = in.getByte(start);
        if (first < '1' || first > '9') {
            state = LF_FRAME;
            scannedBytes = 0;
            return true;
        }
        final int end = in.writerIndex();
        long msgLen = first - '0';
        int i = start + 1;
        for (; i < end; i++) {
            final byte b = in.getByte(i);
            if (b == SP) {
                break;
            }
            if (b < '0' || b > '9' || i - start >= MAX_MSG_LEN_DIGITS) {
                state = LF_FRAME;
                scannedBytes = 0;
                return true;
            }
            msgLen = msgLen * 10 + (b - '0');
        }
        if (i == end) {
            return false;
        }
        if (msgLen > MAX_MSG_LEN_BYTES) {
            state = LF_FRAME;
            scannedBytes = 0;
            return true;
        }
        if (i + 1 == end) {
            return false;
        }
        if (in.getByte(i + 1) != PRI_START) {
            state = LF_FRAME;
            scannedBytes = 0;
            return true;
        }
        in.readerIndex(i + 1);
        state = OCTET_FRAME;
        frameBytes = (int) msgLen;
        return true;
    }

    private boolean decodeLfFrame(ByteBuf in, FrameSink sink) {
        final int start = in.readerIndex();
        final int max = maxFrameBytes;
        // max content bytes, plus a NUL and a CR, plus the LF: anything longer without an LF is oversize
        final int searchEnd = Math.min(in.writerIndex(), start + max + TRAILER_BYTES);
        final int from = start + scannedBytes;
        final int trailer = from < searchEnd ? findTrailer(in, from, searchEnd) : -1;
        if (trailer >= 0) {
            final int length = contentEnd(in, start, trailer) - start;
            in.readerIndex(trailer + 1);
            state = FRAME_START;
            scannedBytes = 0;
            emitLine(in, start, length, sink);
            return true;
        }
        if (searchEnd - start < max + TRAILER_BYTES) {
            scannedBytes = searchEnd - start;
            return false;
        }
        return oversizeLine(in, start, sink);
    }

    private boolean oversizeLine(ByteBuf in, int start, FrameSink sink) {
        in.readerIndex(start + maxFrameBytes + TRAILER_BYTES);
        state = SKIP_LINE;
        scannedBytes = 0;
        sink.frame(in, start, maxFrameBytes, true);
        return true;
    }

    private void emitLine(ByteBuf in, int start, int length, FrameSink sink) {
        if (length > maxFrameBytes) {
            sink.frame(in, start, maxFrameBytes, true);
        } else if (length > 0) {
            sink.frame(in, start, length, false);
        }
    }

    /**
     * @return index of the first LF in {@code [from, to)}, or -1 ({@code indexOf} scans 8 bytes at a time)
     */
    private static int findTrailer(ByteBuf in, int from, int to) {
        return in.indexOf(from, to, LF);
    }

    /** @return {@code end} less one trailing NUL and one trailing CR (in either order), not below {@code start} */
    private static int contentEnd(ByteBuf in, int start, int end) {
        int e = end;
        boolean nul = false;
        boolean cr = false;
        while (e > start) {
            final byte c = in.getByte(e - 1);
            if (c == NUL && !nul) {
                nul = true;
            } else if (c == CR && !cr) {
                cr = true;
            } else {
                break;
            }
            e--;
        }
        return e;
    }

    private boolean decodeOctetFrame(ByteBuf in, FrameSink sink) {
        final int start = in.readerIndex();
        final int msgLen = frameBytes;
        final int available = in.readableBytes();
        if (msgLen <= maxFrameBytes) {
            if (available < msgLen) {
                return false;
            }
            in.readerIndex(start + msgLen);
            state = FRAME_START;
            if (msgLen > 0) {
                sink.frame(in, start, msgLen, false);
            }
            return true;
        }
        if (available < maxFrameBytes) {
            return false;
        }
        in.readerIndex(start + maxFrameBytes);
        state = SKIP_BYTES;
        frameBytes = msgLen - maxFrameBytes;
        sink.frame(in, start, maxFrameBytes, true);
        return true;
    }

    private boolean skipBytes(ByteBuf in) {
        final int n = Math.min(frameBytes, in.readableBytes());
        in.skipBytes(n);
        frameBytes -= n;
        if (frameBytes > 0) {
            return false;
        }
        state = FRAME_START;
        return true;
    }

    private boolean skipLine(ByteBuf in) {
        final int start = in.readerIndex();
        final int trailer = findTrailer(in, start, in.writerIndex());
        if (trailer < 0) {
            in.skipBytes(in.readableBytes());
            return false;
        }
        in.readerIndex(trailer + 1);
        state = FRAME_START;
        return true;
    }
}
