package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import static io.watchfloor.detect.extract.Extracted.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PamMessageExtractorTest {
    private static final PamMessageExtractor X = PamMessageExtractor.INSTANCE;

    @Test
    void shouldReadAuthenticationFailureKeys() {
        assertThat(of(X, "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=192.0.2.7  "
                + "user=guest")).containsOnly(entry("user.name", "guest"), entry("source.address", "192.0.2.7"),
                entry("source.ip", "192.0.2.7"), entry("system.auth.pam.tty", "NODEVssh"),
                entry("event.outcome", "failure"));
    }

    @Test
    void shouldKeepHostNamesOutOfSourceIp() {
        assertThat(of(X, "pam_unix(sshd:auth): authentication failure; rhost=host.example.net user=x"))
                .contains(entry("source.address", "host.example.net")).doesNotContainKey("source.ip");
    }

    @Test
    void shouldReadSessionLinesAndIgnoreOthers() {
        assertThat(of(X, "pam_unix(sshd:session): session opened for user alice by (uid=0)"))
                .containsOnly(entry("user.name", "alice"), entry("event.outcome", "success"));
        assertThat(of(X, "PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.7"))
                .contains(entry("source.ip", "192.0.2.7"), entry("event.outcome", "failure"));
        assertThat(of(X, "check pass; user unknown")).isEmpty();
        assertThat(of(X, "pam_unix missing the colon")).isEmpty();
    }
}
