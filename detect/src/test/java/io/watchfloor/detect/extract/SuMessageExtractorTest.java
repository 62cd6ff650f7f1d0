package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import static io.watchfloor.detect.extract.Extracted.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SuMessageExtractorTest {
    private static final SuMessageExtractor X = SuMessageExtractor.INSTANCE;

    @Test
    void shouldReadEachSuFormat() {
        assertThat(of(X, "FAILED su for root by alice")).containsOnly(entry("user.name", "alice"),
                entry("user.target.name", "root"), entry("event.outcome", "failure"));
        assertThat(of(X, "Successful su for news by root")).contains(entry("user.name", "root"),
                entry("user.target.name", "news"), entry("event.outcome", "success"));
        assertThat(of(X, "(to root) alice on pts/0")).contains(entry("user.name", "alice"),
                entry("user.target.name", "root"));
        assertThat(of(X, "- pts/0 alice:root")).contains(entry("user.name", "alice"),
                entry("user.target.name", "root"), entry("event.outcome", "failure"));
        assertThat(of(X, "BAD SU alice to root on /dev/ttyp0")).contains(entry("user.name", "alice"),
                entry("event.outcome", "failure"));
        assertThat(of(X, "alice to root on /dev/ttyp1")).contains(entry("user.target.name", "root"));
    }

    @Test
    void shouldFallBackToPam() {
        assertThat(of(X, "authentication failure; logname= uid=1342 euid=0 tty= ruser=alice rhost=  user=root"))
                .containsOnly(entry("user.name", "root"), entry("system.auth.pam.ruser", "alice"),
                        entry("event.outcome", "failure"));
    }
}
