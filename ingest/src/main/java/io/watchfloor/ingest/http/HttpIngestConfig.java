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
 * @param publishDeadlineMs longest wait for ring room for one request's remaining lines; after it the request
 *                          answers 503 with the lines already journaled counted as accepted
 * @param readTimeoutMs longest silence while the listener waits for the client (a request's head or body, or the
 *                      next request); the connection is then closed. Not applied while a response is pending.
 */
public record HttpIngestConfig(String bindAddress, int port, int maxBodyBytes, int maxDecompressedBytes,
                               int maxLineBytes, int maxJsonDepth, int maxFieldsPerEvent, long publishDeadlineMs,
                               long readTimeoutMs) {
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
    /**
     * Default publish deadline: 30 s. A body larger than the free ring waits this long for the consumer to make
     * room (retrying every millisecond on its event loop, reads paused) before answering 503; a forwarder's
     * request timeout is typically 30-60 s.
     */
    public static final long DEFAULT_PUBLISH_DEADLINE_MS = 30_000;
    /** Default read timeout: 30 s of client silence closes the connection (slowloris bound). */
    public static final long DEFAULT_READ_TIMEOUT_MS = 30_000;

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
        if (publishDeadlineMs < 1) {
            throw new IllegalArgumentException("publishDeadlineMs : " + publishDeadlineMs + " (expected: >= 1)");
        }
        if (readTimeoutMs < 1) {
            throw new IllegalArgumentException("readTimeoutMs : " + readTimeoutMs + " (expected: >= 1)");
        }
    }

    /** The configuration with the default {@link #DEFAULT_PUBLISH_DEADLINE_MS} and {@link #DEFAULT_READ_TIMEOUT_MS}. */
    public HttpIngestConfig(String bindAddress, int port, int maxBodyBytes, int maxDecompressedBytes,
                            int maxLineBytes, int maxJsonDepth, int maxFieldsPerEvent) {
        this(bindAddress, port, maxBodyBytes, maxDecompressedBytes, maxLineBytes, maxJsonDepth, maxFieldsPerEvent,
                DEFAULT_PUBLISH_DEADLINE_MS, DEFAULT_READ_TIMEOUT_MS);
    }

    /**
     * @return the defaults: {@code 0.0.0.0:8088}, 16 MiB body, 64 MiB decompressed, 1 MiB lines, depth 32,
     *         1024 fields, 30 s publish deadline, 30 s read timeout
     */
    public static HttpIngestConfig defaults() {
        return new HttpIngestConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_JSON_DEPTH,
                DEFAULT_MAX_FIELDS_PER_EVENT, DEFAULT_PUBLISH_DEADLINE_MS, DEFAULT_READ_TIMEOUT_MS);
    }

    /** @return a copy listening on {@code newPort} */
    public HttpIngestConfig withPort(int newPort) {
        return new HttpIngestConfig(bindAddress, newPort, maxBodyBytes, maxDecompressedBytes, maxLineBytes,
                maxJsonDepth, maxFieldsPerEvent, publishDeadlineMs, readTimeoutMs);
    }

    /** @return a copy with the given publish deadline and read timeout */
    public HttpIngestConfig withTimeouts(long newPublishDeadlineMs, long newReadTimeoutMs) {
        return new HttpIngestConfig(bindAddress, port, maxBodyBytes, maxDecompressedBytes, maxLineBytes,
                maxJsonDepth, maxFieldsPerEvent, newPublishDeadlineMs, newReadTimeoutMs);
    }
}
