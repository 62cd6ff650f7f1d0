package io.watchfloor.detect;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules shipped in {@code config/rules}: each fires on a real-shaped line and not on its near miss. */
class StarterRulePackTest {
    private static final Path RULES = Path.of("..", "config", "rules");
    private static final String SSH_FAILURE = "7ea3349c-86c4-4819-895c-292002bf50e6";
    private static final String SSH_INVALID_USER = "fc8bbf89-938c-480e-b169-c0ba3f037495";
    private static final String SUDO_ROOT = "e3d098be-7c1f-41dc-bcf0-1c779add4b5b";
    private static final String ACCOUNT_CREATED = "ad9d281f-f116-44a5-a98a-6e598fc35c24";
    private static final String FIREWALL_DENY = "e5faa45a-d040-42cc-932f-382b36a7ba7f";
    private static final String SERVICE_CRASH = "02d6cde4-119f-44ce-b8b8-b6cb6b6d7883";

    private static RuleSet rules;

    @BeforeAll
    static void load() throws IOException {
        rules = RuleLoader.load(RULES);
    }

    private static List<String> fired(Event e) {
        return fired(e, null);
    }

    private static List<String> fired(Event e, LogSource declared) {
        final CollectingSink sink = new CollectingSink();
        new DetectionEngine(rules).evaluate(e, declared, sink);
        return sink.ruleIds();
    }

    private static Event syslog(String app, String message) {
        return TestEvents.syslog("host-1.example.com", app, "1234", message);
    }

    @Test
    void shouldLoadEveryStarterRuleWithMetadata() {
        assertThat(rules.rejections()).isEmpty();
        assertThat(rules.rules()).extracting(CompiledRule::id).containsExactlyInAnyOrder(SSH_FAILURE,
                SSH_INVALID_USER, SUDO_ROOT, ACCOUNT_CREATED, FIREWALL_DENY, SERVICE_CRASH);
        for (CompiledRule r : rules.rules()) {
            assertThat(r.author()).isEqualTo("Watchfloor");
            assertThat(r.description()).isNotBlank();
            assertThat(r.tags()).anyMatch(t -> t.matches("attack\\.t\\d{4}(\\.\\d{3})?"));
            assertThat(r.falsePositives()).isNotEmpty();
        }
    }

    @Test
    void sshAuthenticationFailureShouldFireOnFailedPasswordAndPamFailure() {
        assertThat(fired(syslog("sshd", "Failed password for alice from 192.0.2.9 port 50422 ssh2")))
                .containsExactly(SSH_FAILURE);
        assertThat(fired(syslog("sshd", "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
                + "tty=ssh ruser= rhost=192.0.2.9  user=root"))).containsExactly(SSH_FAILURE);
        assertThat(fired(syslog("sshd(pam_unix)", "authentication failure; logname= uid=0 euid=0 tty=NODEVssh "
                + "ruser= rhost=192.0.2.9"))).containsExactly(SSH_FAILURE);
        assertThat(fired(syslog("sshd", "Accepted password for alice from 192.0.2.9 port 50422 ssh2"))).isEmpty();
        // su's PAM failure is not an SSH failure
        assertThat(fired(syslog("su(pam_unix)", "authentication failure; logname= uid=500 euid=0 tty=pts/1"))).isEmpty();
    }

    @Test
    void sshInvalidUserShouldFireOnUnknownAccounts() {
        assertThat(fired(syslog("sshd", "Invalid user test from 203.0.113.9 port 50422")))
                .containsExactly(SSH_INVALID_USER);
        assertThat(fired(TestEvents.line("sshd",
                "Failed password for invalid user admin from 203.0.113.9 port 50422 ssh2")))
                .containsExactly(SSH_FAILURE);
        assertThat(fired(syslog("sshd", "input_userauth_request: invalid user admin [preauth]"))).isEmpty();
        assertThat(fired(syslog("sshd", "Connection closed by authenticating user alice 192.0.2.9 port 50422")))
                .isEmpty();
    }

    @Test
    void sudoToRootShouldFireForOtherUsersOnly() {
        assertThat(fired(syslog("sudo", "  alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/bash")))
                .containsExactly(SUDO_ROOT);
        assertThat(fired(syslog("sudo", "  alice : TTY=pts/0 ; PWD=/home/alice ; USER=postgres ; COMMAND=/bin/psql")))
                .isEmpty();
        assertThat(fired(syslog("sudo", "  root : TTY=pts/0 ; PWD=/root ; USER=root ; COMMAND=/bin/ls"))).isEmpty();
    }

    @Test
    void accountCreatedShouldFireOnNewUserAndGroup() {
        assertThat(fired(syslog("useradd", "new user: name=bob, UID=1001, GID=1001, home=/home/bob, shell=/bin/bash")))
                .containsExactly(ACCOUNT_CREATED);
        assertThat(fired(syslog("groupadd", "new group: name=developers, GID=1002"))).containsExactly(ACCOUNT_CREATED);
        assertThat(fired(syslog("userdel", "delete user 'bob'"))).isEmpty();
    }

    @Test
    void firewallDenyShouldFireOnPfSenseBlockAndNetfilterDrop() {
        final String pf = "5,,,1000000103,em0,match,%s,in,4,0x0,,64,0,0,DF,6,tcp,60,198.51.100.7,192.0.2.10,44321,22,0,S";
        assertThat(fired(syslog("filterlog", String.format(pf, "block")))).containsExactly(FIREWALL_DENY);
        assertThat(fired(syslog("filterlog", String.format(pf, "pass")))).isEmpty();
        final String nf = "[12345.678] %s IN=eth0 OUT= MAC=00:00:5e:00:53:01 SRC=198.51.100.7 DST=192.0.2.10 LEN=60 "
                + "PROTO=TCP SPT=44321 DPT=22";
        assertThat(fired(syslog("kernel", String.format(nf, "IPTABLES-DROP:")))).containsExactly(FIREWALL_DENY);
        assertThat(fired(syslog("kernel", String.format(nf, "[UFW BLOCK]")))).containsExactly(FIREWALL_DENY);
        assertThat(fired(syslog("kernel", String.format(nf, "[UFW ALLOW]")))).isEmpty();
        // a source declared as another category is not routed to the firewall rule
        assertThat(fired(syslog("kernel", String.format(nf, "IPTABLES-DROP:")), new LogSource(null, null, "proxy")))
                .isEmpty();
    }

    @Test
    void serviceCrashShouldFireOnCoreDumpAndSegfault() {
        assertThat(fired(syslog("systemd", "nginx.service: Main process exited, code=dumped, status=11/SEGV")))
                .containsExactly(SERVICE_CRASH);
        assertThat(fired(syslog("kernel", "[ 1234.567890] nginx[2345]: segfault at 0 ip 00007f0000000000 "
                + "sp 00007ffd00000000 error 4 in libc.so.6"))).containsExactly(SERVICE_CRASH);
        assertThat(fired(syslog("systemd", "nginx.service: Main process exited, code=exited, status=0/SUCCESS")))
                .isEmpty();
    }

    @Test
    void jsonEventsShouldBeMatchedThroughTheirFields() {
        assertThat(fired(TestEvents.json(Map.of("process.name", "sudo", "message",
                "bob : TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/usr/bin/id")))).containsExactly(SUDO_ROOT);
    }
}
