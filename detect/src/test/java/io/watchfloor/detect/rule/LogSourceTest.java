package io.watchfloor.detect.rule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSourceTest {
    private static final LogSource SSHD = new LogSource("linux", "sshd", null);

    @Test
    void shouldExcludeOnlyOnConflictingDeclaredValues() {
        assertThat(SSHD.admits(null, null)).isTrue();
        assertThat(SSHD.admits(new LogSource("Linux", "SSHD", "auth"), null)).isTrue();
        assertThat(SSHD.admits(new LogSource("windows", null, null), "sshd")).isFalse();
        assertThat(SSHD.admits(new LogSource(null, "sudo", null), "sshd")).isFalse();
        assertThat(new LogSource(null, null, "firewall").admits(new LogSource(null, null, "proxy"), null)).isFalse();
        assertThat(new LogSource(null, null, "firewall").admits(new LogSource("pfsense", null, null), null)).isTrue();
    }

    @Test
    void shouldUseAppNameAsServiceWhenNoneDeclared() {
        assertThat(SSHD.admits(new LogSource("linux", null, null), "sshd")).isTrue();
        assertThat(SSHD.admits(null, "sshd(pam_unix)")).isTrue();
        assertThat(SSHD.admits(null, "sshd[123]")).isTrue();
        assertThat(SSHD.admits(null, "sshd2")).isFalse();
        assertThat(SSHD.admits(null, "su(pam_unix)")).isFalse();
        assertThat(SSHD.admits(new LogSource(null, "sshd", null), "cron")).isTrue();
    }
}
