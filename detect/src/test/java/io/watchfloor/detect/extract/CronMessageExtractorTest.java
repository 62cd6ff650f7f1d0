package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import static io.watchfloor.detect.extract.Extracted.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class CronMessageExtractorTest {
    private static final CronMessageExtractor X = CronMessageExtractor.INSTANCE;

    @Test
    void shouldReadCommand() {
        assertThat(of(X, "(root) CMD (   cd / && run-parts --report /etc/cron.hourly)")).containsOnly(
                entry("user.name", "root"), entry("event.action", "CMD"),
                entry("process.command_line", "cd / && run-parts --report /etc/cron.hourly"));
    }

    @Test
    void shouldReadOtherActionsWithoutCommand() {
        assertThat(of(X, "(alice) BEGIN EDIT (alice)")).containsOnly(entry("user.name", "alice"),
                entry("event.action", "BEGIN EDIT"));
        assertThat(of(X, "(alice) REPLACE (alice)")).contains(entry("event.action", "REPLACE"));
    }

    @Test
    void shouldIgnoreUnbalancedLinesAndReadPam() {
        assertThat(of(X, "(root) CMD (unterminated")).isEmpty();
        assertThat(of(X, "pam_unix(cron:session): session closed for user root")).containsOnly(
                entry("user.name", "root"));
    }
}
