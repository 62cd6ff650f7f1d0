package io.watchfloor.detect.mapping;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.CollectingSink;
import io.watchfloor.detect.DetectionConfig;
import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.TestEvents;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.offline.JsonEvents;
import io.watchfloor.detect.offline.RuleMatcher;
import io.watchfloor.detect.rule.LogSource;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each shipped mapping file, exercised through the live engine: a rule written with Sigma's field names (test
 * resources {@code mapping/<case>/rule.yml}) fires on a fixture event shaped like a real line only because of the
 * mapping (the same rule without it stays silent), and stays silent on a near miss. Where the event is JSON the
 * offline matcher ({@code rules match}) must agree.
 */
class ShippedMappingsTest {
    /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID MSG}, the fixture's syslog line shape (no structured data). */
    private static final Pattern RFC5424 = Pattern.compile("<\\d+>1 \\S+ (\\S+) (\\S+) (\\S+) \\S+ - (.*)");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("linux-sshd", null, "log"),
                Arguments.of("linux-sshd", new LogSource("linux", "sshd", null), "log"),
                Arguments.of("linux-sudo", null, "log"),
                Arguments.of("linux-cron", new LogSource("linux", null, null), "log"),
                Arguments.of("linux-auth", new LogSource("linux", "auth", null), "log"),
                Arguments.of("linux-kernel", null, "log"),
                Arguments.of("windows-sysmon", new LogSource("windows", "sysmon", null), "json"),
                Arguments.of("windows-sysmon", null, "json"),
                Arguments.of("windows-winlogbeat", new LogSource("windows", "sysmon", null), "json"),
                Arguments.of("aws-cloudtrail", new LogSource("aws", "cloudtrail", null), "json"),
                Arguments.of("aws-eventbridge", new LogSource("aws", "cloudtrail", null), "json"),
                Arguments.of("zeek-http", new LogSource("zeek", "http", null), "json"),
                Arguments.of("zeek-http", new LogSource("zeek", null, null), "json"),
                Arguments.of("web-access-log", null, "log"),
                Arguments.of("web-access-log", new LogSource(null, null, "webserver"), "log"),
                Arguments.of("web-json", new LogSource(null, null, "webserver"), "json"),
                Arguments.of("ecs", new LogSource("linux", null, "process_creation"), "json"));
    }

    @ParameterizedTest(name = "{0} declared {1}")
    @MethodSource("cases")
    void shouldFireOnlyThroughTheMappingAndNotOnTheNearMiss(String name, LogSource declared, String kind)
            throws IOException {
        final RuleSet rules = RuleLoader.loadText(Path.of(name + ".yml"), resource(name + "/rule.yml"));
        assertThat(rules.rejections()).isEmpty();
        final String match = resource(name + "/match." + kind).strip();
        final String nearMiss = resource(name + "/near-miss." + kind).strip();

        assertThat(fires(rules, FieldMapping.defaults(), event(match, kind), declared)).as("match").isTrue();
        assertThat(fires(rules, FieldMapping.none(), event(match, kind), declared)).as("without mapping").isFalse();
        assertThat(fires(rules, FieldMapping.defaults(), event(nearMiss, kind), declared)).as("near miss").isFalse();
        if (kind.equals("json")) {
            final RuleMatcher offline = new RuleMatcher(rules, FieldMapping.defaults());
            assertThat(offline.match(withLogSource(JsonEvents.parseLine(match), declared))).containsExactly(0);
            assertThat(offline.match(withLogSource(JsonEvents.parseLine(nearMiss), declared))).isEmpty();
        }
    }

    private static boolean fires(RuleSet rules, FieldMapping mapping, Event e, LogSource declared) {
        final CollectingSink sink = new CollectingSink();
        new DetectionEngine(rules, CorrelationConfig.DEFAULT, DetectionConfig.DEFAULT, mapping)
                .evaluate(e, declared, sink);
        return !sink.alerts.isEmpty();
    }

    private static Event event(String text, String kind) throws IOException {
        if (kind.equals("json")) {
            return TestEvents.json(JsonEvents.parseLine(text));
        }
        final Matcher m = RFC5424.matcher(text);
        assertThat(m.matches()).as("fixture line shape: %s", text).isTrue();
        return TestEvents.syslog(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    /** Offline, an event states its log source in its own fields, as a declared one would. */
    private static Map<String, Object> withLogSource(Map<String, Object> flat, LogSource declared) {
        if (declared != null) {
            putIfSet(flat, "logsource.product", declared.product());
            putIfSet(flat, "logsource.service", declared.service());
            putIfSet(flat, "logsource.category", declared.category());
        }
        return flat;
    }

    private static void putIfSet(Map<String, Object> flat, String key, String value) {
        if (value != null) {
            flat.put(key, value);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ShippedMappingsTest.class.getResourceAsStream("/mapping/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
