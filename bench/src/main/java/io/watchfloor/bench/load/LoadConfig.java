package io.watchfloor.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One load run, validated: what to send, where, how many, how fast. Parsed from {@code --name value} (or
 * {@code --name=value}) arguments; every option has a default constant.
 *
 * @param transport which listener to load
 * @param host target address; loopback only by default
 * @param port target port; 0 means the transport's default ({@link Transport#defaultPort})
 * @param count events to send in total
 * @param firstSeq number of the first event; the events are numbered {@code firstSeq .. firstSeq + count - 1}
 * @param workers TCP connections or concurrent HTTP clients; UDP uses one sender
 * @param ratePerSec events per second over all workers, 0 for flat out (UDP needs a rate)
 * @param framing TCP framing
 * @param batchEvents NDJSON lines per HTTP request
 * @param messageBytes minimum message size; shorter messages are padded
 * @param tag run name written into every message ({@code run=TAG}), so several runs share a journal
 * @param path HTTP ingest path
 * @param timeoutSecs the whole run is abandoned after this long
 * @param apiPort Watchfloor's API port to read the listener's journaled count from before and after the run; 0 = do
 *     not (then only what the sockets took is known for TCP and UDP)
 */
record LoadConfig(Transport transport, String host, int port, long count, long firstSeq, int workers, long ratePerSec,
                  SyslogFraming framing, int batchEvents, int messageBytes, String tag, String path, long timeoutSecs,
                  int apiPort) {
    static final String HOST_DEFAULT = "127.0.0.1";
    static final long COUNT_DEFAULT = 100_000;
    static final long FIRST_SEQ_DEFAULT = 0;
    static final int WORKERS_DEFAULT = 1;
    static final long RATE_PER_SEC_DEFAULT = 0;
    static final SyslogFraming FRAMING_DEFAULT = SyslogFraming.LF;
    static final int BATCH_EVENTS_DEFAULT = 1000;
    static final int MESSAGE_BYTES_DEFAULT = 0;
    static final String PATH_DEFAULT = "/ingest";
    static final long TIMEOUT_SECS_DEFAULT = 600;
    static final int MAX_WORKERS = 256;
    static final int MAX_BATCH_EVENTS = 100_000;
    static final int MAX_MESSAGE_BYTES = 60_000;

    /** The listener a run loads. */
    enum Transport {
        /** Syslog over TCP, K connections, LF or octet-counted. */
        TCP(5514, "syslog_tcp"),
        /** Syslog over UDP, one datagram per message, paced. */
        UDP(5514, "syslog_udp"),
        /** HTTP NDJSON {@code POST /ingest}, batches from K concurrent clients, latency to the acknowledgement. */
        HTTP(8088, "http");

        private final int defaultPort;
        private final String listenerId;

        Transport(int defaultPort, String listenerId) {
            this.defaultPort = defaultPort;
            this.listenerId = listenerId;
        }

        /** @return the listener's name in {@code /api/stats} */
        String listenerId() {
            return listenerId;
        }

        /** @return Watchfloor's default port for this listener */
        int defaultPort() {
            return defaultPort;
        }
    }

    /** @return the port to connect to */
    int targetPort() {
        return port == 0 ? transport.defaultPort() : port;
    }

    /** @return the first number of worker {@code w}'s slice; {@code sliceStart(workers)} is one past the last */
    long sliceStart(int w) {
        return firstSeq + count / workers * w + Math.min(w, count % workers);
    }

    /** @return worker {@code w}'s share of the rate, 0 when flat out; the remainder goes to the first workers */
    long workerRatePerSec(int w) {
        if (ratePerSec == 0) {
            return 0;
        }
        return Math.max(1, ratePerSec / workers + (w < ratePerSec % workers ? 1 : 0));
    }

    /** @return the run's tag, defaulting to the transport name */
    static String defaultTag(Transport t) {
        return t.name().toLowerCase();
    }

    /**
     * Parses and validates the arguments.
     *
     * @throws IllegalArgumentException naming every bad option with what was expected
     */
    static LoadConfig parse(String... args) {
        final Map<String, String> opts = new LinkedHashMap<>();
        final List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            final String a = args[i];
            if (!a.startsWith("--")) {
                errors.add(a + " (expected: --name value)");
                continue;
            }
            final int eq = a.indexOf('=');
            if (eq > 0) {
                opts.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                errors.add(a + " (expected: a value)");
            }
        }
        final Options o = new Options(opts, errors);
        final boolean transportGiven = o.has("transport");
        final Transport transport = o.enumValue("transport", Transport.class, null);
        final String host = o.string("host", HOST_DEFAULT);
        final int port = (int) o.number("port", 0, 0, 65535);
        final long count = o.number("count", COUNT_DEFAULT, 1, NumberedMessage.SEQ_LIMIT);
        final long firstSeq = o.number("first-seq", FIRST_SEQ_DEFAULT, 0, NumberedMessage.SEQ_LIMIT - 1);
        final int workers = (int) o.number("connections", WORKERS_DEFAULT, 1, MAX_WORKERS);
        final long rate = o.number("rate", RATE_PER_SEC_DEFAULT, 0, RatePacer.MAX_RATE_PER_SEC);
        final SyslogFraming framing = o.enumValue("framing", SyslogFraming.class, FRAMING_DEFAULT);
        final int batch = (int) o.number("batch", BATCH_EVENTS_DEFAULT, 1, MAX_BATCH_EVENTS);
        final int messageBytes = (int) o.number("message-bytes", MESSAGE_BYTES_DEFAULT, 0, MAX_MESSAGE_BYTES);
        final String tag = o.string("tag", transport == null ? "run" : defaultTag(transport));
        final String path = o.string("path", PATH_DEFAULT);
        final long timeoutSecs = o.number("timeout-secs", TIMEOUT_SECS_DEFAULT, 1, 86_400);
        final int apiPort = (int) o.number("api-port", 0, 0, 65535);
        for (String unknown : opts.keySet()) {
            errors.add("--" + unknown + " (expected one of: --transport --host --port --count --first-seq "
                    + "--connections --rate --framing --batch --message-bytes --tag --path --timeout-secs --api-port)");
        }
        if (!transportGiven) {
            errors.add("--transport (expected: tcp, udp or http)");
        }
        if (count + firstSeq > NumberedMessage.SEQ_LIMIT) {
            errors.add("--first-seq " + firstSeq + " + --count " + count + " (expected: <= "
                    + NumberedMessage.SEQ_LIMIT + ", numbers have " + NumberedMessage.SEQ_DIGITS + " digits)");
        }
        if (transport == Transport.UDP && rate == 0) {
            errors.add("--rate 0 (expected: > 0 for udp: datagrams are paced, a flat-out sender only fills the "
                    + "kernel's drop counter)");
        }
        if (!tag.matches("[A-Za-z0-9_.-]{1,32}")) {
            errors.add("--tag " + tag + " (expected: 1-32 of A-Z a-z 0-9 _ . -)");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return new LoadConfig(transport, host, port, count, firstSeq, workers, rate, framing, batch, messageBytes, tag,
                path, timeoutSecs, apiPort);
    }

    /** Reads options out of the map, removing each known one and collecting errors. */
    private record Options(Map<String, String> opts, List<String> errors) {
        boolean has(String name) {
            return opts.containsKey(name);
        }

        String string(String name, String dflt) {
            final String v = opts.remove(name);
            return v == null ? dflt : v;
        }

        long number(String name, long dflt, long min, long max) {
            final String v = opts.remove(name);
            if (v == null) {
                return dflt;
            }
            try {
                final long n = Long.parseLong(v.replace("_", ""));
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the expected range
            }
            errors.add("--" + name + " " + v + " (expected: " + min + ".." + max + ")");
            return dflt;
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type, E dflt) {
            final String v = opts.remove(name);
            if (v == null) {
                return dflt;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                    return e;
                }
            }
            final List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase().replace('_', '-'));
            }
            errors.add("--" + name + " " + v + " (expected one of: " + String.join(", ", names) + ")");
            return dflt;
        }
    }
}
