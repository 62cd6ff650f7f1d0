package io.watchfloor.core.event;

/** The ingest listener an event arrived on; its ordinal is stored in the journal, so append only. */
public enum Listener {
    /** Syslog over TCP, LF or octet-counted framing. */
    SYSLOG_TCP("syslog_tcp"),
    /** Syslog over UDP, one message per datagram. */
    SYSLOG_UDP("syslog_udp"),
    /** HTTP NDJSON ingest ({@code POST /ingest}). */
    HTTP("http");

    private static final Listener[] VALUES = values();
    private final String id;

    Listener(String id) {
        this.id = id;
    }

    /** @return the stable name used in metrics, the API and configuration */
    public String id() {
        return id;
    }

    /** @return the listener stored under {@code ordinal} in the journal */
    public static Listener ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** @return true when the raw bytes are syslog text, false when they are one JSON object */
    public boolean isSyslog() {
        return this != HTTP;
    }
}
