package io.watchfloor.ingest.framing;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test sink: records each frame as text, prefixed with {@code !} when truncated. */
final class CollectingSink implements SyslogFrameDecoder.FrameSink {
    final List<String> frames = new ArrayList<>();
    int maxLength;

    @Override
    public void frame(ByteBuf buf, int index, int length, boolean truncated) {
        maxLength = Math.max(maxLength, length);
        frames.add((truncated ? "!" : "") + buf.toString(index, length, StandardCharsets.ISO_8859_1));
    }
}
