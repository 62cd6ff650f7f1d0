package io.watchfloor.bench.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import io.watchfloor.ingest.syslog.SyslogParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput and allocation of {@link SyslogParser} per message kind, against a naive String/regex baseline.
 * One op = one message parsed.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar SyslogParserBenchmark -prof gc}
 * (read {@code gc.alloc.rate.norm}: it must be ≈ 0 B/op for {@code parse}). Smoke run:
 * {@code java -jar bench/target/benchmarks.jar SyslogParserBenchmark -f 1 -wi 1 -i 1 -w 1s -r 1s -prof gc}.
 * To parse a real file instead of the built-in lines, add {@code -p kind=FILE
 * -jvmArgsAppend -Dwatchfloor.bench.syslogFile=/path/to/lines.log} (one message per line).
 *
 * <p>The built-in lines are made up in the shape of real ones (loghub OpenSSH, the WRCCDC 2018 RFC 5424
 * capture, Cisco IOS samples) with example.com names and documentation addresses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SyslogParserBenchmark {
    /** System property naming a file of messages, one per line, used when {@code kind=FILE}. */
    public static final String FILE_PROPERTY = "watchfloor.bench.syslogFile";

    private static final long RECEIVED_AT_MS = 1_780_000_000_000L;

    private static final String[] RFC5424_SD = {
        "<165>1 2026-05-28T22:14:15.003Z web-1.example.com evntslog 4123 ID47 [exampleSDID@32473 iut=\"3\" "
            + "eventSource=\"Application\" eventID=\"1011\"][origin ip=\"192.0.2.10\"] An application event log entry",
        "<134>1 2026-05-28T08:59:37.123456-07:00 pc-2.example.com sshd 19939 auth [meta sequenceId=\"42\" "
            + "sysUpTime=\"37\"] Accepted publickey for alice from 198.51.100.4 port 50022 ssh2",
        "<86>1 2026-05-28T10:00:00+02:00 db-3.example.com postgres 771 - [timeQuality tzKnown=\"1\" "
            + "isSynced=\"1\"][opentelemetry trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\" span_id=\"00f067aa0ba902b7\"] "
            + "connection authorized: user=app database=orders",
    };
    private static final String[] RFC5424_PLAIN = {
        "<134>1 2026-05-28T08:59:37-07:00 pc-1.example.com EvntSLog - - - @cee: {\"source\": \"pc-1.example.com\", "
            + "\"msg\": \"The Multimedia Class Scheduler service entered the stopped state.\", \"id\": \"7036\"}",
        "<133>1 2026-05-28T08:59:54-07:00 kramer.example.com EvntSLog - - - An account was successfully logged on. "
            + "Subject: Security ID: S-1-5-18 Account Name: KRAMER$ Logon Type: 3",
        "<30>1 2026-05-28T12:00:01.5Z node-4.example.com systemd 1 - - Started Session 42 of user bob.",
    };
    private static final String[] RFC3164_SSHD = {
        "<38>Dec 10 06:55:46 web1 sshd[24200]: Invalid user webmaster from 192.0.2.186",
        "<38>Dec 10 06:55:46 web1 sshd[24200]: input_userauth_request: invalid user webmaster [preauth]",
        "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh "
            + "ruser= rhost=198.51.100.4",
        "<86>Dec  3 07:12:03 web1 sshd[24206]: pam_unix(sshd:auth): check pass; user unknown",
    };
    private static final String[] CISCO = {
        "<189>3924923: rtr1.example.com: *Oct  6 03:32:04.114 UTC: %SEC-6-IPACCESSLOGP: list 102 denied tcp "
            + "192.0.2.56(3067) -> 198.51.100.7(139), 1 packet",
        "<189>4425: Aug 23 00:17:55.356: %SSH-5-SSH2_SESSION: SSH2 Session request from 192.0.2.9 (tty = 0) "
            + "using crypto cipher 'aes128-ctr', hmac 'hmac-sha1' Succeeded",
        "<166>Apr 15 2026 09:36:50 fw01 : %ASA-6-302013: Built outbound TCP connection 123 for outside:"
            + "198.51.100.1/443 (198.51.100.1/443) to inside:192.0.2.2/51234 (192.0.2.2/51234)",
    };

    private static final Pattern BASELINE_5424 = Pattern.compile(
            "^<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[.*?\\])+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern BASELINE_3164 = Pattern.compile(
            "^(?:<(\\d{1,3})>)?([A-Za-z]{3} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}) (\\S+) ([^:\\[ ]+)(?:\\[(\\d+)\\])?: (.*)$",
            Pattern.DOTALL);

    /** Message kind; {@code FILE} reads {@link #FILE_PROPERTY}. */
    @Param({"RFC5424_SD", "RFC5424_PLAIN", "RFC3164_SSHD", "CISCO"})
    public String kind;

    private final SyslogParser parser = new SyslogParser();
    private final SyslogFields out = new SyslogFields();
    private byte[][] messages;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final List<String> lines = switch (kind) {
            case "RFC5424_SD" -> List.of(RFC5424_SD);
            case "RFC5424_PLAIN" -> List.of(RFC5424_PLAIN);
            case "RFC3164_SSHD" -> List.of(RFC3164_SSHD);
            case "CISCO" -> List.of(CISCO);
            case "FILE" -> Files.readAllLines(Path.of(System.getProperty(FILE_PROPERTY)), StandardCharsets.ISO_8859_1);
            default -> throw new IllegalArgumentException("kind=" + kind + " (expected: RFC5424_SD, RFC5424_PLAIN, "
                    + "RFC3164_SSHD, CISCO or FILE)");
        };
        messages = new byte[lines.size()][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = lines.get(i).getBytes(StandardCharsets.UTF_8);
        }
        for (byte[] m : messages) {
            parser.parse(m, m.length, RECEIVED_AT_MS, out);
            if (out.parseError()) {
                throw new IllegalStateException("benchmark line does not parse: " + new String(m, StandardCharsets.UTF_8));
            }
        }
    }

    private byte[] nextMessage() {
        final byte[][] all = messages;
        final int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        return all[i];
    }

    /** The parser under test; returns a field so the work cannot be eliminated. */
    @Benchmark
    public int parse() {
        final byte[] raw = nextMessage();
        parser.parse(raw, raw.length, RECEIVED_AT_MS, out);
        return out.messageOffset() + out.hostnameLength() + out.sdCount() + (int) out.timestampEpochSeconds();
    }

    /** Baseline: decode to a String and split with a regex, as a naive parser (Graylog-style) would. */
    @Benchmark
    public int baselineRegex() {
        final byte[] raw = nextMessage();
        final String text = new String(raw, StandardCharsets.UTF_8);
        Matcher m = BASELINE_5424.matcher(text);
        if (m.matches()) {
            final String[] sd = m.group(7).split("\\]\\[");
            return Integer.parseInt(m.group(1)) + m.group(3).length() + sd.length + m.group(8).length();
        }
        m = BASELINE_3164.matcher(text);
        if (m.matches()) {
            return (m.group(1) == null ? 13 : Integer.parseInt(m.group(1))) + m.group(3).length() + m.group(6).length();
        }
        return text.length();
    }
}
