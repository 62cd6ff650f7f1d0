package io.watchfloor.bench.ingest.json;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.ingest.json.JsonEventParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Throughput and allocation of {@link JsonEventParser#parse(Event)}: one HTTP NDJSON line flattened into the
 * slot's dotted-path field map. One op = one event. Baseline: {@link JsonEventParser#validate}, the same Jackson
 * token walk with the same bounds but building no map, so the difference is the cost of flattening.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar JsonEventParserFlattenBenchmark -prof gc}.
 * Smoke: add {@code -f 1 -wi 1 -i 1 -w 200ms -r 200ms}. The lines are made up in the shape of ECS events
 * (Elastic Agent, Vector, Fluent Bit JSON output) with example.com names and documentation addresses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonEventParserFlattenBenchmark {
    private static final long RECEIVED_AT_MS = 1_796_281_932_000L;

    /** Flat key/value lines as a shipper with flattening on sends them. */
    private static final String[] FLAT = {
        "{\"@timestamp\":\"2026-12-03T07:12:03.120Z\",\"host.name\":\"web-1.example.com\",\"process.name\":\"sshd\","
            + "\"process.pid\":24206,\"message\":\"Accepted publickey for alice from 198.51.100.4 port 50022 ssh2\","
            + "\"log.level\":\"info\",\"source.ip\":\"198.51.100.4\",\"source.port\":50022}",
        "{\"@timestamp\":\"2026-12-03T07:12:04.5Z\",\"host\":\"db-3.example.com\",\"service\":\"postgres\","
            + "\"level\":\"warning\",\"msg\":\"connection authorized: user=app database=orders\",\"latency_ms\":1.25}",
    };
    /** Nested ECS documents: objects three levels deep, an array of tags, numbers, booleans and nulls. */
    private static final String[] NESTED = {
        "{\"@timestamp\":\"2026-12-03T07:12:03.120Z\",\"event\":{\"kind\":\"event\",\"category\":[\"authentication\"],"
            + "\"outcome\":\"failure\",\"dataset\":\"system.auth\"},\"host\":{\"name\":\"web-1.example.com\",\"os\":"
            + "{\"family\":\"debian\",\"version\":\"12\"},\"ip\":[\"192.0.2.10\",\"2001:db8::10\"]},\"process\":"
            + "{\"name\":\"sshd\",\"pid\":24206},\"source\":{\"ip\":\"203.0.113.9\",\"port\":50422,\"geo\":"
            + "{\"country_iso_code\":\"ZZ\"}},\"user\":{\"name\":\"admin\"},\"message\":\"Failed password for invalid "
            + "user admin from 203.0.113.9 port 50422 ssh2\",\"tags\":[\"linux\",\"dmz\"],\"agent\":{\"type\":"
            + "\"filebeat\",\"version\":\"8.17.0\",\"ephemeral\":false},\"trace\":null}",
        "{\"@timestamp\":\"2026-12-03T07:12:05.003Z\",\"event\":{\"kind\":\"event\",\"category\":[\"web\"],"
            + "\"duration\":12000000},\"http\":{\"request\":{\"method\":\"GET\",\"bytes\":512},\"response\":"
            + "{\"status_code\":200,\"bytes\":18233}},\"url\":{\"path\":\"/api/v1/orders/4411\",\"domain\":"
            + "\"shop.example.com\"},\"client\":{\"ip\":\"198.51.100.23\"},\"user_agent\":{\"original\":\"Mozilla/5.0 "
            + "(X11; Linux x86_64) Gecko/20100101 Firefox/133.0\"},\"host\":{\"name\":\"lb-2.example.com\"},"
            + "\"labels\":{\"env\":\"prod\",\"team\":\"payments\"}}",
    };

    /** Line shape. */
    @Param({"FLAT", "NESTED_ECS"})
    public String shape;

    private final JsonEventParser parser = new JsonEventParser();
    private Event[] events;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        final String[] lines = switch (shape) {
            case "FLAT" -> FLAT;
            case "NESTED_ECS" -> NESTED;
            default -> throw new IllegalArgumentException("shape=" + shape + " (expected: FLAT or NESTED_ECS)");
        };
        events = new Event[lines.length];
        for (int i = 0; i < lines.length; i++) {
            final Event e = new Event();
            e.resetForData(Listener.HTTP, null, RECEIVED_AT_MS, false, null);
            final byte[] b = lines[i].getBytes(StandardCharsets.UTF_8);
            e.raw(b, 0, b.length);
            if (!parser.parse(e)) {
                throw new IllegalStateException("benchmark line does not parse (" + e.parseErrorReason() + "): "
                        + lines[i]);
            }
            events[i] = e;
        }
    }

    private Event nextEvent() {
        final Event[] all = events;
        final int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        return all[i];
    }

    /** The parser under test; returns the field count so the work cannot be eliminated. */
    @Benchmark
    public int parse() {
        final Event e = nextEvent();
        parser.parse(e);
        return e.json().size();
    }

    /** Baseline: the same token walk and bounds without building the field map. */
    @Benchmark
    public String baselineValidate() {
        final Event e = nextEvent();
        return parser.validate(e.raw(), 0, e.rawLength());
    }
}
