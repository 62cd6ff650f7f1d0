package io.watchfloor.ingest.json;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class JsonEventParserTest {
    private final JsonEventParser parser = new JsonEventParser(4, 8);

    private static Event event(String json) {
        final Event e = new Event();
        e.resetForData(Listener.HTTP, null, 0L, false, null);
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        e.raw(bytes, 0, bytes.length);
        return e;
    }

    private String validate(String json) {
        final byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        return parser.validate(bytes, 2, bytes.length - 4);
    }

    @Test
    void shouldFlattenNestedObjectsToDottedPaths() {
        final Event e = event("{\"host\":{\"name\":\"web-1.example.com\",\"ip\":\"192.0.2.10\"},"
                + "\"event\":{\"code\":4624},\"ok\":true,\"ratio\":0.5,\"none\":null}");
        assertThat(parser.parse(e)).isTrue();
        assertThat(e.isJson()).isTrue();
        assertThat(e.parseErrorReason()).isNull();
        assertThat(e.json()).containsExactly(
                entry("host.name", "web-1.example.com"), entry("host.ip", "192.0.2.10"),
                entry("event.code", 4624L), entry("ok", true), entry("ratio", 0.5), entry("none", null));
    }

    @Test
    void shouldKeepArraysOfScalarsAndRenderNestedStructures() {
        final Event e = event("{\"tags\":[\"a\",1,2.5,false],\"objs\":[{\"k\":\"v\"},[1,2]]}");
        assertThat(parser.parse(e)).isTrue();
        assertThat(e.json().get("tags")).isEqualTo(List.of("a", 1L, 2.5, false));
        assertThat(e.json().get("objs")).isEqualTo(List.of("{\"k\":\"v\"}", "[1,2]"));
    }

    @Test
    void shouldReadHugeIntegerAsDouble() {
        final Event e = event("{\"n\":123456789012345678901234567890}");
        assertThat(parser.parse(e)).isTrue();
        assertThat(e.json().get("n")).isInstanceOf(Double.class);
    }

    @Test
    void shouldReportMalformedInputAndLeaveFieldsEmpty() {
        final Event e = event("{\"a\":1,\"b\":");
        assertThat(parser.parse(e)).isFalse();
        assertThat(e.parseErrorReason()).isEqualTo(JsonEventParser.REASON_NOT_JSON);
        assertThat(e.json()).isEmpty();
        assertThat(e.isJson()).isFalse();
    }

    @Test
    void shouldNameEachRejection() {
        assertThat(validate("{\"a\":1}")).isNull();
        assertThat(validate("  ")).isEqualTo(JsonEventParser.REASON_EMPTY);
        assertThat(validate("not json")).isEqualTo(JsonEventParser.REASON_NOT_JSON);
        assertThat(validate("[1,2]")).isEqualTo(JsonEventParser.REASON_NOT_OBJECT);
        assertThat(validate("\"s\"")).isEqualTo(JsonEventParser.REASON_NOT_OBJECT);
        assertThat(validate("{\"a\":1} {\"b\":2}")).isEqualTo(JsonEventParser.REASON_TRAILING_DATA);
        assertThat(validate("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}")).isEqualTo(JsonEventParser.REASON_TOO_DEEP);
        assertThat(validate("{\"a\":{\"b\":{\"c\":{\"d\":1}}}}")).isNull();
        assertThat(validate("{\"a\":[[[[1]]]]}")).isEqualTo(JsonEventParser.REASON_TOO_DEEP);
        assertThat(validate("{\"a\":{\"b\":{\"c\":1}}}")).isNull();
        assertThat(validate("{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,\"6\":6,\"7\":7,\"8\":8}")).isNull();
        assertThat(validate("{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,\"6\":6,\"7\":7,\"8\":8,\"9\":9}"))
                .isEqualTo(JsonEventParser.REASON_TOO_MANY_FIELDS);
        assertThat(validate("{\"a\":[{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,\"6\":6,\"7\":7,\"8\":8}]}"))
                .isEqualTo(JsonEventParser.REASON_TOO_MANY_FIELDS);
    }

    @Test
    void shouldAgreeBetweenParseAndValidate() {
        for (String s : new String[] {"{\"a\":{\"b\":{\"c\":{\"d\":1}}}}", "{\"a\":[{\"x\":[1]}]}", "{}", "{\"a\":"}) {
            final Event e = event(s);
            final boolean parsed = parser.parse(e);
            assertThat(validate(s)).isEqualTo(parsed ? null : e.parseErrorReason());
        }
    }

    @Property(tries = 300)
    void shouldNeverThrowOnArbitraryBytes(@ForAll byte[] bytes) {
        final String reason = parser.validate(bytes, 0, bytes.length);
        final Event e = new Event();
        e.resetForData(Listener.HTTP, null, 0L, false, null);
        e.raw(bytes, 0, bytes.length);
        assertThat(parser.parse(e)).isEqualTo(reason == null);
        assertThat(e.json().size()).isLessThanOrEqualTo(8);
    }
}
