package io.watchfloor.bench.sample;

import java.util.Locale;

/**
 * Syslog lines shaped like a busy Linux and firewall fleet (RFC 3164 and RFC 5424), with example.com names and
 * documentation addresses. Line {@code i} comes from host {@link #hostIndex(int, int) hostIndex(i, hosts)}; a
 * few lines come from hosts no inventory declares ({@code stray-N.example.org}).
 */
public final class SampleSyslogLines {
    /** One line in this many comes from an undeclared host. */
    public static final int STRAY_EVERY = 20;

    /** Lines no starter rule matches: the steady state of a quiet fleet. */
    private static final String[] BENIGN = {
        "<38>Dec  3 07:12:04 %s sshd[24207]: Accepted publickey for alice from 198.51.100.4 port 50022 ssh2: "
            + "ED25519 SHA256:3x4mpl3f1ng3rpr1ntAAAAC3NzaC1lZDI1NTE5",
        "<78>Dec  3 07:12:10 %s CRON[9921]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
        "<13>1 2026-12-03T07:12:08.120Z %s billing 771 ID47 [exampleSDID@32473 iut=\"3\" "
            + "eventSource=\"Application\"] request id=8812 path=/api/v1/orders/4411 status=200 duration_ms=12",
        "<30>1 2026-12-03T07:12:06.5Z %s systemd 1 - - Started Session 4242 of user bob.",
        "<86>Dec  3 07:12:11 %s sshd[24210]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)",
        "<134>1 2026-12-03T07:12:07.031+01:00 %s filterlog 4321 - - 5,,,1000000103,em0,match,pass,in,4,0x0,,64,0,0,"
            + "DF,6,tcp,60,198.51.100.7,192.0.2.10,44321,443,0,S",
    };
    /** Lines each raising one starter rule (authentication failure, sudo to root, crash, firewall deny, account). */
    private static final String[] HITS = {
        "<38>Dec  3 07:12:03 %s sshd[24206]: Failed password for invalid user admin from 203.0.113.9 port 50422 ssh2",
        "<86>Dec  3 07:12:05 %s sudo[3021]:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; "
            + "COMMAND=/bin/systemctl restart nginx",
        "<30>1 2026-12-03T07:12:06.120Z %s systemd 1 - - nginx.service: Main process exited, code=dumped, "
            + "status=11/SEGV",
        "<134>1 2026-12-03T07:12:07.5Z %s filterlog 4321 - - 5,,,1000000103,em0,match,block,in,4,0x0,,64,0,0,DF,6,"
            + "tcp,60,198.51.100.7,192.0.2.10,44321,22,0,S",
        "<38>Dec  3 07:12:09 %s useradd[1234]: new user: name=bob, UID=1001, GID=1001, home=/home/bob, "
            + "shell=/bin/bash",
    };

    private SampleSyslogLines() {
    }

    /** @return the declared host index of line {@code i}, or -1 for a stray host */
    public static int hostIndex(int i, int hosts) {
        return i % STRAY_EVERY == STRAY_EVERY - 1 ? -1 : (int) ((i * 7919L) % hosts);
    }

    /** @return the HOSTNAME of declared host {@code h}, as {@link SampleInventory} declares it */
    public static String hostName(int h) {
        return String.format(Locale.ROOT, "host-%04d.example.com", h);
    }

    /**
     * @param count lines to make
     * @param hosts declared hosts the lines spread over
     * @param hitsEvery one line in this many raises a starter rule; 0 for none
     */
    public static String[] lines(int count, int hosts, int hitsEvery) {
        final String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            final int h = hostIndex(i, hosts);
            final String host = h < 0 ? "stray-" + (i % 97) + ".example.org" : hostName(h);
            final String template = hitsEvery > 0 && i % hitsEvery == 0
                    ? HITS[(i / hitsEvery) % HITS.length] : BENIGN[i % BENIGN.length];
            out[i] = String.format(Locale.ROOT, template, host);
        }
        return out;
    }
}
