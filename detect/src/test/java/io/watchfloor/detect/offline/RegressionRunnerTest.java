package io.watchfloor.detect.offline;

import io.watchfloor.detect.mapping.FieldMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegressionRunnerTest {
    private static final String RULE = "title: Whoami\nid: 11111111-1111-4111-8111-111111111111\n"
            + "logsource: {product: windows, category: process_creation}\n"
            + "detection:\n  s: {Image|endswith: '\\whoami.exe'}\n  condition: s\n";

    private static String event(String image) {
        return "{\n  \"Event\": {\n    \"System\": {\"EventID\": 1},\n    \"EventData\": {\"Image\": \""
                + image.replace("\\", "\\\\") + "\"}\n  }\n}\n";
    }

    private static void layout(Path dir, int matchCount) throws IOException {
        Files.createDirectories(dir.resolve("rules/windows"));
        Files.writeString(dir.resolve("rules/windows/whoami.yml"), RULE);
        final Path data = dir.resolve("regression_data/rules/windows/whoami");
        Files.createDirectories(data);
        Files.writeString(data.resolve("info.yml"), "id: x\nrule_metadata:\n  - id: 11111111-1111-4111-8111-111111111111\n"
                + "regression_tests_info:\n  - name: Positive\n    type: evtx\n    match_count: " + matchCount + "\n"
                + "    path: regression_data/rules/windows/whoami/11111111-1111-4111-8111-111111111111.evtx\n");
        Files.writeString(data.resolve("11111111-1111-4111-8111-111111111111.json"),
                event("C:\\Windows\\System32\\whoami.exe") + event("C:\\Windows\\notepad.exe")
                        + event("D:\\tools\\whoami.exe"));
    }

    @Test
    void shouldPassWhenTheRuleMatchesExactlyMatchCountEvents(@TempDir Path dir) throws IOException {
        layout(dir, 2);
        final List<RegressionResult> results = RegressionRunner.run(dir, FieldMapping.defaults(), Map.of());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isTrue();
            assertThat(r.actual()).isEqualTo(2);
        });
    }

    @Test
    void shouldFailWhenTheCountDiffersUnlessAtLeast(@TempDir Path dir) throws IOException {
        layout(dir, 1);
        assertThat(RegressionRunner.run(dir, FieldMapping.defaults(), Map.of()).get(0).passed()).isFalse();
        assertThat(RegressionRunner.run(dir, FieldMapping.defaults(), Map.of(), true).get(0).passed()).isTrue();
    }

    @Test
    void shouldFailWithAReasonWhenTheRuleDidNotLoad(@TempDir Path dir) throws IOException {
        layout(dir, 2);
        Files.writeString(dir.resolve("rules/windows/whoami.yml"), RULE.replace("endswith", "bogus"));
        final RegressionResult r = RegressionRunner.run(dir, FieldMapping.defaults(), Map.of()).get(0);
        assertThat(r.passed()).isFalse();
        assertThat(r.problem()).contains("modifier_unknown");
    }
}
