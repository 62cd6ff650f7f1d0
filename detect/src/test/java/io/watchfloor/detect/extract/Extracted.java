package io.watchfloor.detect.extract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an extractor over a message placed inside a larger buffer (as in a ring slot) and lists what it set. */
final class Extracted {
    private Extracted() {
    }

    static Map<String, String> of(MessageExtractor x, String message) {
        final byte[] text = message.getBytes(StandardCharsets.UTF_8);
        // the message sits after a syslog header, as in a slot: extractors must honour the offsets
        final byte[] slot = new byte[text.length + 16];
        System.arraycopy(text, 0, slot, 10, text.length);
        final MessageFields out = new MessageFields();
        out.reset(slot);
        x.extract(slot, 10, 10 + text.length, out);
        final Map<String, String> fields = new LinkedHashMap<>();
        for (MessageField f : MessageField.values()) {
            if (out.has(f)) {
                fields.put(f.path(), out.value(f.ordinal()));
            }
        }
        return fields;
    }
}
