package io.watchfloor.ingest.http;

import io.watchfloor.ingest.json.JsonEventParser;

/**
 * Configuration of the HTTP ingest listener; validated on construction.
 *
 * @param bindAddress address to listen on ({@value #DEFAULT_BIND_ADDRESS} = every interface)
 * @param port TCP port, 0 for an ephemeral one
 * @param maxBodyBytes largest request body as sent (compressed or not); larger answers 413
 * @param maxDecompressedBytes largest body after gzip decompression; larger answers 413
 * @param maxLineBytes longest NDJSON line; longer lines are rejected one by one
 * @param maxJsonDepth deepest JSON nesting per line
 * @param maxFieldsPerEvent most JSON fields per line
 */
public record HttpIngestConfig(String bindAddress, int port, int maxBodyBytes, int maxDecompressedBytes,
                               int maxLineBytes, int maxJsonDepth, int maxFieldsPerEvent) {
    /** Default bind address: every interface. */
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    /** Default port (the Splunk HEC port, which forwarders expect). */
    public static final int DEFAULT_PORT = 8088;
    /** Default largest body as sent: 16 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** Default largest decompressed body: 64 MiB. */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
    /** Default longest line: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
    /** Default deepest JSON nesting: {@link JsonEventParser#DEFAULT_MAX_DEPTH}. */
    public static final int DEFAULT_MAX_JSON_DEPTH = JsonEventParser.DEFAULT_MAX_DEPTH;
    /** Default most fields per event: {@link JsonEventParser#DEFAULT_MAX_FIELDS}. */
    public static final int DEFAULT_MAX_FIELDS_PER_EVENT = JsonEventParser.DEFAULT_MAX_FIELDS;

    public HttpIngestConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress : '" + bindAddress + "' (expected: an address)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port : " + port + " (expected: 0..65535)");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes : " + maxBodyBytes + " (expected: > 0)");
        }
        if (maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("maxDecompressedBytes : " + maxDecompressedBytes + " (expected: > 0)");
        }
        if (maxLineBytes < 2) {
            throw new IllegalArgumentException("maxLineBytes : " + maxLineBytes + " (expected: >= 2)");
        }
        if (maxJsonDepth < 1) {
            throw new IllegalArgumentException("maxJsonDepth : " + maxJsonDepth + " (expected: >= 1)");
        }
        if (maxFieldsPerEvent < 1) {
            throw new IllegalArgumentException("maxFieldsPerEvent : " + maxFieldsPerEvent + " (expected: >= 1)");
        }
    }

    /** @return the defaults: {@code 0.0.0.0:8088}, 16 MiB body, 64 MiB decompressed, 1 MiB lines, depth 32, 1024 fields */
    public static HttpIngestConfig defaults() {
        return new HttpIngestConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_JSON_DEPTH,
                DEFAULT_MAX_FIELDS_PER_EVENT);
    }

    /** @return a copy listening on {@code newPort} */
    public HttpIngestConfig withPort(int newPort) {
        return new HttpIngestConfig(bindAddress, newPort, maxBodyBytes, maxDecompressedBytes, maxLineBytes,
                maxJsonDepth, maxFieldsPerEvent);
    }
}
