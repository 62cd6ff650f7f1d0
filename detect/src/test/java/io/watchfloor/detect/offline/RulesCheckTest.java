package io.watchfloor.detect.offline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCheckTest {
    @Test
    void shouldCountLoadedAndRejectedByReason(@TempDir Path dir) throws IOException {
        final String ok = "title: T\nid: %s\nlogsource: {product: linux}\ndetection:\n  k: [x]\n  condition: k\n";
        Files.writeString(dir.resolve("a.yml"), String.format(ok, "a"));
        Files.writeString(dir.resolve("b.yml"), String.format(ok, "b") + "---\n"
                + "title: C\nid: c\ncorrelation: {type: event_count, rules: [a], timespan: 5m, condition: {gte: 3}}\n");
        Files.writeString(dir.resolve("d.yml"), String.format(ok, "d").replace("k: [x]", "k: {f|expand: '%p%'}"));
        final RulesCheck check = RulesCheck.run(List.of(dir), Map.of());
        assertThat(check.loaded()).isEqualTo(2);
        assertThat(check.correlations()).isEqualTo(1);
        assertThat(check.rejectedByCode()).containsExactlyInAnyOrderEntriesOf(Map.of("placeholder_unknown", 1));
        assertThat(check.render()).contains("loaded: 2", "correlations: 1", "rejected: 1",
                "rejected.placeholder_unknown: 1");
        final RulesCheck resolved = RulesCheck.run(List.of(dir), Map.of("p", List.of("v")));
        assertThat(resolved.loaded()).isEqualTo(3);
    }
}
