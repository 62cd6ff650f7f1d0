package io.watchfloor.detect.extract;

import java.util.Set;

/**
 * Pulls named fields out of one well-known message format. Implementations are stateless and thread-safe; they
 * read at most {@link #MAX_SCAN_BYTES} of the message and write only into the {@link MessageFields} given.
 */
public interface MessageExtractor {
    /** Bytes of a message an extractor looks at: the well-known formats put their fields near the start. */
    int MAX_SCAN_BYTES = 4096;

    /** @return the name a mapping file's {@code extract:} key uses */
    String name();

    /** @return the fields this extractor can set; a mapping path naming one is read only from the message */
    Set<MessageField> fields();

    /**
     * Sets the fields found in {@code message[from, to)}; a line in another format sets nothing.
     *
     * @param to exclusive end, already bounded by the caller to {@link #MAX_SCAN_BYTES} after {@code from}
     */
    void extract(byte[] message, int from, int to, MessageFields out);
}
