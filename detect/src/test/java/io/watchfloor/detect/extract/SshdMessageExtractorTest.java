package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.watchfloor.detect.extract.Extracted.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SshdMessageExtractorTest {
    private static final SshdMessageExtractor X = SshdMessageExtractor.INSTANCE;

    @Test
    void shouldReadAcceptedLogin() {
        assertThat(of(X, "Accepted publickey for alice from 192.0.2.7 port 50422 ssh2: ED25519 SHA256:abc"))
                .containsOnly(entry("user.name", "alice"), entry("source.ip", "192.0.2.7"),
                        entry("source.address", "192.0.2.7"), entry("source.port", "50422"),
                        entry("system.auth.ssh.event", "Accepted"), entry("system.auth.ssh.method", "publickey"),
                        entry("event.outcome", "success"));
    }

    @Test
    void shouldReadFailedPasswordForInvalidUser() {
        assertThat(of(X, "Failed password for invalid user admin from 203.0.113.9 port 4242 ssh2"))
                .contains(entry("user.name", "admin"), entry("source.ip", "203.0.113.9"), entry("source.port", "4242"),
                        entry("system.auth.ssh.event", "Failed"), entry("system.auth.ssh.method", "password"),
                        entry("event.outcome", "failure"));
        assertThat(of(X, "Failed keyboard-interactive/pam for root from 2001:db8::7 port 22 ssh2"))
                .contains(entry("user.name", "root"), entry("source.ip", "2001:db8::7"),
                        entry("system.auth.ssh.method", "keyboard-interactive/pam"));
    }

    @Test
    void shouldReadInvalidUserWithAndWithoutPort() {
        assertThat(of(X, "Invalid user webmaster from 198.51.100.4")).contains(entry("user.name", "webmaster"),
                entry("source.ip", "198.51.100.4"), entry("system.auth.ssh.event", "Invalid"),
                entry("event.outcome", "failure"));
        assertThat(of(X, "Invalid user  from 198.51.100.4 port 3")).doesNotContainKey("user.name")
                .contains(entry("source.ip", "198.51.100.4"), entry("source.port", "3"));
    }

    @Test
    void shouldReadConnectionAndDisconnectLines() {
        assertThat(of(X, "Connection closed by authenticating user root 192.0.2.7 port 55462 [preauth]"))
                .contains(entry("user.name", "root"), entry("source.ip", "192.0.2.7"), entry("source.port", "55462"));
        assertThat(of(X, "Disconnected from invalid user test 192.0.2.7 port 43042"))
                .contains(entry("user.name", "test"), entry("source.ip", "192.0.2.7"));
        assertThat(of(X, "Received disconnect from 192.0.2.7 port 5:11: Bye Bye [preauth]"))
                .contains(entry("source.ip", "192.0.2.7"), entry("source.port", "5"));
        assertThat(of(X, "Received disconnect from 192.0.2.7: 11: Bye Bye [preauth]"))
                .contains(entry("source.ip", "192.0.2.7"));
        assertThat(of(X, "reverse mapping checking getaddrinfo for host.example.net [192.0.2.7] failed - POSSIBLE "
                + "BREAK-IN ATTEMPT!")).containsOnly(entry("source.ip", "192.0.2.7"), entry("source.address", "192.0.2.7"));
        assertThat(of(X, "error: maximum authentication attempts exceeded for invalid user bob from 192.0.2.7 port 1 "
                + "ssh2 [preauth]")).contains(entry("user.name", "bob"), entry("source.port", "1"));
    }

    @Test
    void shouldUnwrapRepeatedMessagesAndDelegatePamLines() {
        assertThat(of(X, "message repeated 2 times: [ Failed password for root from 192.0.2.7 port 1 ssh2]"))
                .contains(entry("user.name", "root"), entry("event.outcome", "failure"));
        assertThat(of(X, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
                + "rhost=192.0.2.7  user=root")).contains(entry("user.name", "root"), entry("source.ip", "192.0.2.7"),
                entry("event.outcome", "failure"));
    }

    @Test
    void shouldSetNothingOnOtherLines() {
        final Map<String, String> none = of(X, "Server listening on 0.0.0.0 port 22.");
        assertThat(none).doesNotContainKeys("user.name", "source.ip");
        assertThat(of(X, "")).isEmpty();
    }
}
