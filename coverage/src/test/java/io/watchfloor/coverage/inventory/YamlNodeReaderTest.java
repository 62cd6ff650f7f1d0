package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.core.config.ConfigError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class YamlNodeReaderTest {
    private final List<ConfigError> errors = new ArrayList<>();
    private final YamlNodeReader reader = new YamlNodeReader(Path.of("inventory.yaml"), errors);

    private List<String> rendered() {
        final List<String> out = new ArrayList<>();
        for (ConfigError e : errors) {
            out.add(e.yamlPath() + ": " + e.message());
        }
        return out;
    }

    @Test
    void shouldReportUnknownKeysAtTheirPathWhenReadingAMapping() {
        final Map<?, ?> m = reader.mapping(Map.of("id", "a", "colour", "red"), "sources[0]", "a source",
                List.of("id"));

        assertThat(m).isNotNull();
        assertThat(rendered()).containsExactly("sources[0].colour: found an unknown key (expected: one of id)");
    }

    @Test
    void shouldDescribeWhatWasFoundWhenAValueHasTheWrongType() {
        reader.requiredString(Map.of("name", 5), "sources[1]", "name", "a name");
        reader.mapping(List.of(), "sources[2]", "a source");
        reader.requiredString(Map.of(), "sources[3]", "name", "a name");

        assertThat(rendered()).containsExactly("sources[1].name: found integer 5 (expected: a name)",
                "sources[2]: found an empty list (expected: a source)",
                "sources[3].name: missing (expected: a name)");
    }

    @Test
    void shouldRejectARepeatedIdAndAcceptTheFirst() {
        final Set<String> seen = new HashSet<>();
        assertThat(reader.uniqueId(Map.of("id", "fw"), "w[0]", seen, "window")).isEqualTo("fw");
        reader.uniqueId(Map.of("id", "fw"), "w[1]", seen, "window");
        reader.uniqueId(Map.of("id", "Fw"), "w[2]", seen, "window");

        assertThat(rendered()).containsExactly("w[1].id: found \"fw\" (expected: an id not used by an earlier window)",
                "w[2].id: found \"Fw\" (expected: an id matching [a-z0-9][a-z0-9._-]*)");
    }

    @Test
    void shouldReadOptionalDurationsAndKeepTheDefaultWhenAbsent() {
        assertThat(reader.optionalDurationMs(Map.of("max_lag", "5m"), "s", "max_lag", -1)).isEqualTo(300_000L);
        assertThat(reader.optionalDurationMs(Map.of(), "s", "max_lag", -7)).isEqualTo(-7);
        assertThat(errors).isEmpty();
        assertThat(reader.optionalDurationMs(Map.of("max_lag", "0m"), "s", "max_lag", -7)).isEqualTo(-1);
        assertThat(rendered()).containsExactly(
                "s.max_lag: found \"0m\" (expected: a positive duration like 30s, 5m, 1h, 2d)");
    }

    @Test
    void shouldKeepValidListEntriesAndReportEachInvalidOneAtItsIndex() {
        final List<String> hosts = reader.stringList(Map.of("hosts", List.of("a", 3, "b c")), "m", "hosts", "a glob");
        reader.checkEach(hosts, "m.hosts", InventoryLoader::isValidGlob, "a glob");

        assertThat(hosts).containsExactly("a", null, "b c");
        assertThat(rendered()).containsExactly("m.hosts[1]: found integer 3 (expected: a glob)",
                "m.hosts[2]: found \"b c\" (expected: a glob)");
    }
}
