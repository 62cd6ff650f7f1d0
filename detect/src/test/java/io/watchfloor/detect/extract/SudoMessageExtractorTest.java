package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import static io.watchfloor.detect.extract.Extracted.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SudoMessageExtractorTest {
    private static final SudoMessageExtractor X = SudoMessageExtractor.INSTANCE;

    @Test
    void shouldReadCommandLine() {
        assertThat(of(X, "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/tail -f /var/log/x ; y"))
                .containsOnly(entry("user.name", "alice"), entry("system.auth.sudo.tty", "pts/0"),
                        entry("system.auth.sudo.pwd", "/home/alice"), entry("system.auth.sudo.user", "root"),
                        entry("user.target.name", "root"),
                        entry("system.auth.sudo.command", "/usr/bin/tail -f /var/log/x ; y"),
                        entry("process.command_line", "/usr/bin/tail -f /var/log/x ; y"),
                        entry("event.outcome", "success"));
    }

    @Test
    void shouldReadErrorsAndSkipOtherKeys() {
        assertThat(of(X, "bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/root ; USER=#-1 ; TSID=0000UM ; "
                + "COMMAND=/bin/ls")).contains(entry("system.auth.sudo.error", "3 incorrect password attempts"),
                entry("system.auth.sudo.user", "#-1"), entry("system.auth.sudo.command", "/bin/ls"),
                entry("event.outcome", "failure")).doesNotContainKey("TSID");
    }

    @Test
    void shouldFallBackToPamLines() {
        assertThat(of(X, "pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)"))
                .containsOnly(entry("user.name", "root"), entry("event.outcome", "success"));
        assertThat(of(X, "alice : a line without the command key")).isEmpty();
    }
}
