package io.watchfloor.detect.mapping;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.TestEvents;
import io.watchfloor.detect.extract.MessageExtractor;
import io.watchfloor.detect.rule.LogSource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MappingSelectorTest {
    private static final String[] NAMES = {"<keywords>", "User", "SourceIp", "USER", "Image", "cs-method"};
    private static final LogSource SSHD = new LogSource("linux", "sshd", null);

    private static MappingSelector shipped() {
        return new MappingSelector(FieldMapping.defaults(), NAMES);
    }

    private static List<String> extractors(ResolvedFields r) {
        return Arrays.stream(r.extractors()).map(MessageExtractor::name).toList();
    }

    private static Event sshdLine() {
        return TestEvents.syslog("bastion-01", "sshd", "42", "Accepted publickey for alice from 192.0.2.9 port 1 ssh2");
    }

    @Test
    void shouldResolveOncePerDeclaredLogSourceAndApp() {
        final MappingSelector s = shipped();
        final ResolvedFields first = s.select(sshdLine(), SSHD);
        assertThat(s.select(sshdLine(), SSHD)).isSameAs(first);
        assertThat(s.select(sshdLine(), new LogSource("linux", "sshd", null))).isSameAs(first);
        // the declared service wins over the app's, so another app on that source resolves the same
        assertThat(s.select(TestEvents.syslog("h", "cron", "1", "x"), SSHD)).isSameAs(first);
        assertThat(s.select(TestEvents.syslog("h", "cron", "1", "x"), null)).isNotSameAs(first);
        // an unmanaged sshd line has the same effective log source: the resolution is shared
        assertThat(s.select(sshdLine(), null)).isSameAs(first);
        assertThat(s.select(TestEvents.syslog("h", "postgres", "1", "x"), null)).isNotSameAs(first);
    }

    @Test
    void shouldTakeTheDeclaredLogSourceAndFillTheRestFromTheApp() {
        final MappingSelector s = shipped();
        assertThat(s.select(sshdLine(), null).logSource()).isEqualTo(SSHD);
        assertThat(s.select(TestEvents.syslog("h", "sshd(pam_unix)", "1", "x"), null).logSource()).isEqualTo(SSHD);
        assertThat(s.select(TestEvents.syslog("h", "CRON", "1", "x"), new LogSource("linux", null, null)).logSource())
                .isEqualTo(new LogSource("linux", "cron", null));
        // a declared service wins over the app's
        assertThat(s.select(sshdLine(), new LogSource("linux", "auth", null)).logSource())
                .isEqualTo(new LogSource("linux", "auth", null));
        assertThat(extractors(s.select(sshdLine(), new LogSource("linux", "auth", null)))).containsExactly("auth");
    }

    @Test
    void shouldRunAnExtractorOnlyForTheLogSourceItsEntryNames() {
        final MappingSelector s = shipped();
        assertThat(extractors(s.select(sshdLine(), null))).containsExactly("sshd");
        assertThat(extractors(s.select(TestEvents.syslog("h", "nginx", "1", "x"), null))).containsExactly("access_log");
        assertThat(extractors(s.select(TestEvents.syslog("h", "postgres", "1", "x"), null))).isEmpty();
        assertThat(extractors(s.select(TestEvents.json(Map.of("message", "Failed password for x")), null))).isEmpty();
        // an unlisted app stands for a service no entry names: no sshd paths either
        assertThat(s.select(TestEvents.syslog("h", "postgres", "1", "x"), null).paths(1)).containsExactly("User");
    }

    @Test
    void shouldReadAJsonEventsLogSourceAndSyslogAppFromItsOwnFields() {
        final MappingSelector s = shipped();
        final Event declaredInEvent = TestEvents.json(Map.of("logsource.product", "aws", "logsource.service",
                "cloudtrail", "eventName", "x"));
        assertThat(s.select(declaredInEvent, null).logSource()).isEqualTo(new LogSource("aws", "cloudtrail", null));
        assertThat(s.select(TestEvents.json(Map.of("log.syslog.appname", "sudo", "message", "x")), null).logSource())
                .isEqualTo(new LogSource("linux", "sudo", null));
        // in ECS process events process.name is the process described: only a listed one says something
        assertThat(s.select(TestEvents.json(Map.of("process.name", "bash")), null).logSource())
                .isEqualTo(LogSource.ANY);
        assertThat(s.select(TestEvents.json(Map.of("process.name", "sshd")), null).logSource()).isEqualTo(SSHD);
    }

    @Test
    void shouldOrderEntriesNamingTheLogSourceFirstThenLoadOrder() {
        final FieldMapping configured = FieldMapping.parse("mappings:\n"
                + "  - {name: generic, fields: {User: [generic.user]}}\n"
                + "  - {name: mine, logsource: {product: linux, service: sshd}, fields: {User: [my.user]}}\n",
                Path.of("mine.yml"));
        final MappingSelector s = new MappingSelector(configured.then(FieldMapping.defaults()), NAMES);
        final ResolvedFields r = s.select(sshdLine(), SSHD);
        assertThat(r.paths(1)).containsExactly("User", "my.user", "user.name", "generic.user");
        assertThat(r.kinds(1)[2]).isGreaterThanOrEqualTo(0);
        assertThat(r.kinds(1)[1]).isEqualTo(ResolvedFields.EVENT);
    }

    @Test
    void shouldApplyFormatRestrictedEntriesOnlyToThatKindOfEvent() {
        final MappingSelector s = shipped();
        final LogSource windows = new LogSource("windows", null, null);
        assertThat(s.select(TestEvents.json(Map.of("a", "b")), windows).paths(4))
                .contains("Event.EventData.Image", "winlog.event_data.Image");
        assertThat(s.select(TestEvents.syslog("h", "x", "1", "m"), windows).paths(4)).containsExactly("Image");
    }

    @Test
    void shouldShareResolutionsOfEqualLogSourcesAndBoundThem() {
        final MappingSelector s = shipped();
        // an sshd line on a source declaring only the product resolves like one declaring linux/sshd
        assertThat(s.select(sshdLine(), new LogSource("linux", null, null))).isSameAs(s.select(sshdLine(), SSHD));
        for (int i = 0; i < MappingSelector.MAX_RESOLUTIONS - 1; i++) {
            s.select(sshdLine(), new LogSource("p" + i, null, null));
        }
        assertThat(s.overflowed()).isZero();
        final ResolvedFields unknown = s.select(sshdLine(), new LogSource("late", null, null));
        assertThat(unknown.logSource()).isEqualTo(LogSource.ANY);
        assertThat(s.select(sshdLine(), new LogSource("later", null, null))).isSameAs(unknown);
        assertThat(s.overflowed()).isEqualTo(2);
        for (int i = 0; i < MappingSelector.MAX_LOG_SOURCES; i++) {
            s.select(sshdLine(), new LogSource("q" + i, null, null));
        }
        assertThat(s.overflowed()).isGreaterThan(MappingSelector.MAX_LOG_SOURCES - MappingSelector.MAX_RESOLUTIONS);
    }

    @Test
    void shouldSelectWithoutAllocatingOnceResolved() {
        final MappingSelector s = shipped();
        final Event syslog = sshdLine();
        final Event other = TestEvents.syslog("h", "postgres", "1", "x");
        final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            s.select(syslog, SSHD);
            s.select(other, null);
        }
        final long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            s.select(syslog, SSHD);
            s.select(other, null);
        }
        final long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        // the measurement itself may allocate a little; 200,000 selections must not allocate per call
        assertThat(allocated).isLessThan(10_000);
    }
}
