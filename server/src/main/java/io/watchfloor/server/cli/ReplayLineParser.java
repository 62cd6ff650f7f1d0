package io.watchfloor.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.NetUtil;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.ingest.http.HttpIngestConfig;
import io.watchfloor.ingest.json.JsonEventParser;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads one line of a {@code coverage replay} input into an event slot, as the listener named would have received it.
 * Not thread-safe (it reuses a JSON validator): one per replay.
 *
 * <p>A line is a JSON object with {@code received_at} (ISO-8601 with an offset) and exactly one of:
 * <ul>
 *   <li>{@code raw}: the text of one syslog frame (listener {@code syslog_tcp} unless {@code listener} says
 *       {@code syslog_udp}, or {@code http} for the text of one JSON event); cut to the frame limit and flagged
 *       truncated when longer, as the syslog listeners do;</li>
 *   <li>{@code event}: one JSON object, taken as one {@code POST /ingest} line: the same size, depth and field limits,
 *       and rejected for the same reasons; a top-level {@code source_id} names its source as it does over HTTP.</li>
 * </ul>
 * Optional: {@code peer} (the sender's IP address), {@code listener}, {@code truncated}; other keys (such as
 * {@code index} in {@code journal dump} output, which this format reads unchanged) are ignored.
 */
final class ReplayLineParser {
    /** Longest input line read; a longer one is a bad line. Above any event an HTTP line may carry, escaped. */
    static final int MAX_LINE_BYTES = 4 * HttpIngestConfig.DEFAULT_MAX_LINE_BYTES;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxFrameBytes;
    private final JsonEventParser validator = new JsonEventParser(HttpIngestConfig.DEFAULT_MAX_JSON_DEPTH,
            HttpIngestConfig.DEFAULT_MAX_FIELDS_PER_EVENT);

    /** @param maxFrameBytes syslog frame limit, as {@code listeners.syslog.max_frame_bytes} */
    ReplayLineParser(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Fills {@code slot} from {@code line}.
     *
     * @return null when the slot holds the line's event; else why the line is bad (the slot is then undefined)
     */
    String parse(String line, Event slot) {
        final JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return "not JSON (expected: one JSON object per line)";
        }
        if (n == null || !n.isObject()) {
            return "not a JSON object (expected: {\"received_at\": ..., \"raw\" or \"event\": ...})";
        }
        final JsonNode at = n.get("received_at");
        if (at == null || !at.isTextual()) {
            return "received_at missing (expected: ISO-8601 like 2026-12-03T10:00:00Z)";
        }
        final long receivedAtMs = instantMs(at.asText());
        if (receivedAtMs == Long.MIN_VALUE) {
            return "received_at " + at.asText() + " (expected: ISO-8601 like 2026-12-03T10:00:00Z)";
        }
        final JsonNode raw = n.get("raw");
        final JsonNode event = n.get("event");
        if ((raw == null) == (event == null)) {
            return "expected exactly one of raw (a syslog line) and event (a JSON object)";
        }
        final InetAddress peer;
        final JsonNode peerNode = n.get("peer");
        if (peerNode == null || peerNode.isNull()) {
            peer = null;
        } else {
            peer = peerNode.isTextual() ? address(peerNode.asText()) : null;
            if (peer == null) {
                return "peer " + peerNode + " (expected: an IPv4 or IPv6 address)";
            }
        }
        final Listener listener = listener(n.get("listener"), event != null ? Listener.HTTP : Listener.SYSLOG_TCP);
        if (listener == null) {
            return "listener " + n.get("listener") + " (expected: syslog_tcp, syslog_udp or http)";
        }
        final JsonNode truncatedNode = n.get("truncated");
        if (truncatedNode != null && !truncatedNode.isBoolean()) {
            return "truncated " + truncatedNode + " (expected: true or false)";
        }
        final byte[] bytes;
        if (event != null) {
            if (!event.isObject()) {
                return "event is not a JSON object";
            }
            if (listener != Listener.HTTP) {
                return "listener " + listener.id() + " with event (expected: http, or raw for syslog)";
            }
            bytes = event.toString().getBytes(StandardCharsets.UTF_8);
        } else if (!raw.isTextual()) {
            return "raw is not a string (expected: the text of one syslog line)";
        } else {
            bytes = raw.asText().getBytes(StandardCharsets.UTF_8);
        }
        boolean truncated = truncatedNode != null && truncatedNode.asBoolean();
        int length = bytes.length;
        if (listener == Listener.HTTP) {
            final String reason = length > HttpIngestConfig.DEFAULT_MAX_LINE_BYTES ? "line_too_long"
                    : validator.validate(bytes, 0, length);
            if (reason != null) {
                return "rejected as POST /ingest rejects it: " + reason;
            }
        } else if (length > maxFrameBytes) {
            length = maxFrameBytes;
            truncated = true;
        }
        slot.resetForData(listener, peer, receivedAtMs, truncated, null);
        slot.raw(bytes, 0, length);
        return null;
    }

    /** @return epoch ms of an ISO-8601 instant with {@code Z} or an offset, or Long.MIN_VALUE */
    static long instantMs(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException unparseable) {
                return Long.MIN_VALUE;
            }
        }
    }

    private static Listener listener(JsonNode node, Listener byDefault) {
        if (node == null || node.isNull()) {
            return byDefault;
        }
        for (Listener l : Listener.values()) {
            if (node.isTextual() && l.id().equals(node.asText())) {
                return l;
            }
        }
        return null;
    }

    /** Parses an address literal without any name lookup. */
    private static InetAddress address(String text) {
        final byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }
}
