package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import static io.watchfloor.detect.extract.Extracted.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class AuthLogMessageExtractorTest {
    private static final AuthLogMessageExtractor X = AuthLogMessageExtractor.INSTANCE;

    @Test
    void shouldReadEachProgramsLinesByTheirShape() {
        assertThat(of(X, "alice : TTY=pts/0 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh"))
                .contains(entry("system.auth.sudo.command", "/bin/sh"));
        assertThat(of(X, "(root) CMD (/usr/local/bin/backup)")).contains(entry("process.command_line",
                "/usr/local/bin/backup"));
        assertThat(of(X, "FAILED su for root by alice")).contains(entry("user.target.name", "root"));
        assertThat(of(X, "Failed password for root from 192.0.2.7 port 22 ssh2")).contains(entry("source.ip",
                "192.0.2.7"));
        assertThat(of(X, "pam_unix(login:auth): authentication failure; user=bob")).contains(entry("user.name", "bob"));
    }

    @Test
    void shouldOfferTheUnionOfTheFieldsItDelegates() {
        assertThat(X.fields()).containsAll(SudoMessageExtractor.INSTANCE.fields())
                .containsAll(SshdMessageExtractor.INSTANCE.fields()).containsAll(CronMessageExtractor.INSTANCE.fields());
    }
}
