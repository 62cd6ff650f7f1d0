package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Manual check against the real corpora in {@code /work/shared/corpus}; skipped when they are absent (their
 * licences forbid shipping them, so CI never has them).
 */
class SyslogParserCorpusTest {
    private static final Path CORPUS = Path.of("/work/shared/corpus");
    private static final long RECEIVED_AT_MS = 1_780_000_000_000L; // 2026-05-28

    private final SyslogParser parser = new SyslogParser();
    private final SyslogFields out = new SyslogFields();

    @Test
    void shouldParseEveryOpenSshLineWithHostAndApp() throws IOException {
        final List<String> failures = check(CORPUS.resolve("loghub/OpenSSH/OpenSSH_2k.log"), "LabSZ", true);
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldParseEveryLinuxLineWithHost() throws IOException {
        final List<String> failures = check(CORPUS.resolve("loghub/Linux/Linux_2k.log"), "combo", false);
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldParseEveryWireRfc5424Line() throws IOException {
        final Path file = CORPUS.resolve("zeek-wrccdc2018/syslog_wire_reconstructed.log");
        assumeTrue(Files.isReadable(file));
        final List<String> failures = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            final byte[] raw = line.getBytes(StandardCharsets.UTF_8);
            parser.parse(raw, raw.length, RECEIVED_AT_MS, out);
            final String host = line.split(" ")[2];
            final String app = line.split(" ")[3];
            if (out.parseError() || out.format() != SyslogFields.FORMAT_RFC5424 || !host.equals(out.hostnameString(raw))
                    || !app.equals(out.appNameString(raw)) || out.procIdOffset() >= 0 || out.msgIdOffset() >= 0
                    || !out.hasTimestamp() || out.timestampOffsetSeconds() != -7 * 3600) {
                failures.add(line);
            }
        }
        assertThat(failures).isEmpty();
    }

    private List<String> check(Path file, String host, boolean appRequired) throws IOException {
        assumeTrue(Files.isReadable(file));
        final List<String> failures = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            final byte[] raw = line.getBytes(StandardCharsets.ISO_8859_1);
            parser.parse(raw, raw.length, RECEIVED_AT_MS, out);
            final String app = expectedApp(line);
            final boolean ok = !out.parseError() && out.format() == SyslogFields.FORMAT_RFC3164 && out.hasTimestamp()
                    && host.equals(out.hostnameString(raw))
                    && (app == null ? !appRequired && out.appNameOffset() < 0 : app.equals(out.appNameString(raw)));
            if (!ok) {
                failures.add(line + " -> host=" + out.hostnameString(raw) + " app=" + out.appNameString(raw)
                        + " pid=" + out.procIdString(raw) + " msg=" + out.messageString(raw));
            }
        }
        return failures;
    }

    /** The TAG per rsyslog: the token after the host, up to '[' or ':', when it ends in ':' (null otherwise). */
    private static String expectedApp(String line) {
        final String afterHost = line.substring(16).substring(line.substring(16).indexOf(' ') + 1);
        final int colon = afterHost.indexOf(':');
        final int space = afterHost.indexOf(' ');
        if (colon < 0 || (space >= 0 && space < colon) || afterHost.startsWith(" ")) {
            return null;
        }
        final String tag = afterHost.substring(0, colon);
        final int bracket = tag.indexOf('[');
        return bracket < 0 ? tag : tag.substring(0, bracket);
    }
}
