package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StructuredDataParserTest {
    private final StructuredDataParser parser = new StructuredDataParser();
    private final SyslogFields out = new SyslogFields();
    private byte[] raw;

    private int parse(String text) {
        out.reset();
        raw = text.getBytes(StandardCharsets.UTF_8);
        return parser.parse(raw, 0, raw.length, out);
    }

    @Test
    void shouldReturnEndOfNilOrElements() {
        assertThat(parse("- msg")).isEqualTo(1);
        assertThat(parse("[a][b x=\"1\"] msg")).isEqualTo(12);
        assertThat(out.sdCount()).isEqualTo(2);
    }

    @Test
    void shouldTreatUnescapedBracketInValueAsContentAndOtherBackslashesAsLiteral() {
        assertThat(parse("[a k=\"x]y\\n\"]")).isEqualTo(raw.length);
        assertThat(out.sdValueString(raw, 0)).isEqualTo("x]y\\n");
        assertThat(out.sdValueEscaped(0)).isFalse();
    }

    @Test
    void shouldAcceptEmptyValueAndExtraSpaces() {
        assertThat(parse("[a  k=\"\" ]")).isEqualTo(raw.length);
        assertThat(out.sdValueLength(0)).isZero();
        assertThat(out.sdNameString(raw, 0)).isEqualTo("k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "[", "[]", "[a", "[a k]", "[a k=]", "[a k=\"v]", "[a k=\"v\"", "[a=b]",
        "[" + "i23456789012345678901234567890123]", "[a \"k\"=\"v\"]", "[a k=\"v\\\"]"})
    void shouldRejectMalformed(String text) {
        assertThat(parse(text)).isEqualTo(-1);
    }
}
