package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import static io.watchfloor.detect.extract.Extracted.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class AccessLogMessageExtractorTest {
    private static final AccessLogMessageExtractor X = AccessLogMessageExtractor.INSTANCE;

    @Test
    void shouldReadCombinedLogFormat() {
        assertThat(of(X, "192.0.2.7 - alice [03/Dec/2026:10:00:00 +0000] \"POST /vpns/portal/scripts/a.pl?x=1&y=\\\"2\\\" "
                + "HTTP/1.1\" 200 512 \"https://ref.example/\" \"curl/8.5 (x)\"")).containsOnly(
                entry("source.address", "192.0.2.7"), entry("source.ip", "192.0.2.7"), entry("user.name", "alice"),
                entry("http.request.method", "POST"),
                entry("url.original", "/vpns/portal/scripts/a.pl?x=1&y=\\\"2\\\""),
                entry("url.path", "/vpns/portal/scripts/a.pl"), entry("url.query", "x=1&y=\\\"2\\\""),
                entry("http.version", "1.1"), entry("http.response.status_code", "200"),
                entry("http.response.body.bytes", "512"), entry("http.request.referrer", "https://ref.example/"),
                entry("user_agent.original", "curl/8.5 (x)"));
    }

    @Test
    void shouldReadCommonLogFormatWithVirtualHostAndDashes() {
        assertThat(of(X, "shop.example.com:443 host.example.net - - [03/Dec/2026:10:00:00 +0000] \"GET / HTTP/2.0\" 304 -"))
                .containsOnly(entry("url.domain", "shop.example.com"), entry("source.address", "host.example.net"),
                        entry("http.request.method", "GET"), entry("url.original", "/"), entry("url.path", "/"),
                        entry("http.version", "2.0"), entry("http.response.status_code", "304"));
    }

    @Test
    void shouldSetNothingOnOtherLines() {
        assertThat(of(X, "[error] 42#0: *1 open() \"/x\" failed")).isEmpty();
        assertThat(of(X, "a b c d e [date] \"GET / HTTP/1.1\" 200 1")).isEmpty();
        assertThat(of(X, "192.0.2.7 - - [03/Dec/2026:10:00:00 +0000] \"unterminated")).isEmpty();
    }
}
