package io.watchfloor.coverage.tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stateless and thread-safe: reads back the JSON text of one coverage-journal record. */
final class JournalJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalJson() {
    }

    /**
     * @param expected what the record should be, for the error message (e.g. "a gap record")
     * @return the parsed tree (possibly not an object: the caller checks its fields)
     * @throws IllegalArgumentException when the text is not JSON (a corrupt journal)
     */
    static JsonNode parse(String json, String expected) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("coverage journal record : not JSON (expected: " + expected + ")", e);
        }
    }
}
