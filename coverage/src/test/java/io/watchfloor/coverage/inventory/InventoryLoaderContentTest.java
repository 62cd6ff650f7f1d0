package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source keys of issue 3 items 2-4: volume, required, degraded and sequence_field. */
class InventoryLoaderContentTest {
    @TempDir
    Path dir;

    /** One source with the common keys, plus {@code extra} lines (indented by 4). */
    private InventoryLoadResult load(String... extra) throws IOException {
        final StringBuilder sb = new StringBuilder(String.join("\n",
                "sources:",
                "  - id: dc",
                "    name: Domain controllers",
                "    category: identity",
                "    match: {hosts: [\"dc*\"]}",
                "    max_silence: 5m",
                ""));
        for (String line : extra) {
            sb.append("    ").append(line).append('\n');
        }
        final Path f = dir.resolve("inventory.yaml");
        Files.writeString(f, sb.toString());
        return InventoryLoader.load(f);
    }

    private static List<String> rendered(InventoryLoadResult r) {
        return r.errors().stream().map(e -> e.yamlPath() + ": " + e.message()).collect(Collectors.toList());
    }

    private static SourceContent content(InventoryLoadResult r) {
        assertThat(r.errors()).isEmpty();
        return r.inventory().source(0).content();
    }

    @Test
    void shouldDeclareNothingByDefault() throws IOException {
        assertThat(content(load())).isEqualTo(SourceContent.NONE);
    }

    @Test
    void shouldReadVolumeOnOffAndMapping() throws IOException {
        assertThat(content(load("volume: off")).volume()).isEqualTo(VolumePolicy.OFF);
        assertThat(content(load("volume: \"off\"")).volume()).isEqualTo(VolumePolicy.OFF);
        assertThat(content(load("volume: on")).volume()).isEqualTo(new VolumePolicy(3_600_000, 3));
        assertThat(content(load("volume: {window: 15m, consecutive: 4}")).volume())
                .isEqualTo(new VolumePolicy(900_000, 4));
        assertThat(content(load("volume: {consecutive: 2}")).volume()).isEqualTo(new VolumePolicy(3_600_000, 2));
    }

    @Test
    void shouldReadRequiredValuesDegradedAndSequenceField() throws IOException {
        final SourceContent c = content(load(
                "required:",
                "  - {field: event.code, values: [\"4624\", 4625]}",
                "  - {field: log.syslog.msgid, values: learn}",
                "degraded: {window: 30m, consecutive: 2, max_parse_failure_rate: 0.25, learn_windows: 12}",
                "sequence_field: meta.sequenceId"));

        assertThat(c.degraded()).isEqualTo(new DegradedPolicy(List.of(
                new RequiredField("event.code", List.of("4624", "4625"), false),
                RequiredField.learned("log.syslog.msgid")), 1_800_000, 2, 0.25, 12));
        assertThat(c.sequenceField()).isEqualTo("meta.sequenceId");
        assertThat(c.volume().enabled()).isFalse();
    }

    @Test
    void shouldLearnEventCodeWithTheShorthandAndDefaultTheWindows() throws IOException {
        final DegradedPolicy d = content(load("required: learn")).degraded();

        assertThat(d.required()).containsExactly(RequiredField.learned("event.code"));
        assertThat(d.windowMs()).isEqualTo(DegradedPolicy.WINDOW_MS_DEFAULT);
        assertThat(d.consecutive()).isEqualTo(DegradedPolicy.CONSECUTIVE_DEFAULT);
        assertThat(d.maxParseFailureRate()).isEqualTo(-1);
        assertThat(d.enabled()).isTrue();
    }

    @Test
    void shouldJudgeParseFailuresAloneWhenOnlyARateIsDeclared() throws IOException {
        final DegradedPolicy d = content(load("degraded: {max_parse_failure_rate: 0.5}")).degraded();

        assertThat(d.required()).isEmpty();
        assertThat(d.enabled()).isTrue();
    }

    @Test
    void shouldNameTheYamlPathOfEveryContentError() throws IOException {
        final InventoryLoadResult r = load(
                "volume: {window: 7m, consecutive: 0, slope: 2}",
                "required:",
                "  - {field: \"event code\", values: []}",
                "  - {values: [1.5]}",
                "  - {field: event.action, values: [ok], match: any}",
                "degraded: {window: 2d, max_parse_failure_rate: 1.5}",
                "sequence_field: 42");

        assertThat(rendered(r)).containsExactly(
                "sources[0].volume.slope: found an unknown key (expected: one of window, consecutive)",
                "sources[0].volume.window: found \"7m\" (expected: a window from 1m to 1d that divides a day, like "
                        + "15m or 1h)",
                "sources[0].volume.consecutive: found integer 0 (expected: a whole number of windows from 1 to 100)",
                "sources[0].required[0].field: found \"event code\" (expected: a field name like event.code, "
                        + "log.syslog.msgid or meta.sequenceId)",
                "sources[0].required[0].values: found an empty list (expected: a non-empty list of values, or learn)",
                "sources[0].required[1].field: missing (expected: a field name like event.code, log.syslog.msgid or "
                        + "meta.sequenceId)",
                "sources[0].required[1].values[0]: found double 1.5 (expected: a string or number)",
                "sources[0].required[2].match: found an unknown key (expected: one of field, values)",
                "sources[0].degraded.window: found \"2d\" (expected: a window from 1m to 1d that divides a day, like "
                        + "15m or 1h)",
                "sources[0].degraded.max_parse_failure_rate: found double 1.5 (expected: a number above 0 and at "
                        + "most 1, like 0.2)",
                "sources[0].sequence_field: found integer 42 (expected: a field name like event.code, "
                        + "log.syslog.msgid or meta.sequenceId)");
        assertThat(r.inventory()).isNull();
    }

    @Test
    void shouldRejectWrongShapes() throws IOException {
        assertThat(rendered(load("volume: 3"))).containsExactly(
                "sources[0].volume: found integer 3 (expected: off, on, or a mapping with window and consecutive)");
        assertThat(rendered(load("required: all"))).containsExactly("sources[0].required: found \"all\" (expected: "
                + "learn, or a list of {field, values} where values is a list or learn)");
        assertThat(rendered(load("degraded: {consecutive: 2}"))).containsExactly("sources[0].degraded: found a "
                + "mapping (expected: max_parse_failure_rate, or required event types on the source to judge)");
    }

    @Test
    void shouldBoundTheRequiredValues() throws IOException {
        final StringBuilder values = new StringBuilder();
        for (int v = 0; v <= DegradedPolicy.MAX_VALUES; v++) {
            values.append(v == 0 ? "" : ", ").append('"').append(v).append('"');
        }
        assertThat(rendered(load("required: [{field: event.code, values: [" + values + "]}]"))).containsExactly(
                "sources[0].required: found a list (expected: at most 64 values over all fields, found 65)");
    }

    @Test
    void shouldAcceptEveryWindowThatDividesADay() {
        assertThat(VolumePolicy.isValidWindowMs(60_000)).isTrue();
        assertThat(VolumePolicy.isValidWindowMs(86_400_000)).isTrue();
        assertThat(VolumePolicy.isValidWindowMs(4 * 3_600_000)).isTrue();
        assertThat(VolumePolicy.isValidWindowMs(7 * 3_600_000)).isFalse();
        assertThat(VolumePolicy.isValidWindowMs(30_000)).isFalse();
        assertThat(VolumePolicy.isValidWindowMs(2 * 86_400_000L)).isFalse();
    }
}
