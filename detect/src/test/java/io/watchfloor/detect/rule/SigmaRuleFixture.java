package io.watchfloor.detect.rule;

import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.offline.RuleMatcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles a one-rule detection block and runs it on flat events, for the specification tests. */
final class SigmaRuleFixture {
    private final RuleMatcher matcher;

    private SigmaRuleFixture(RuleMatcher matcher) {
        this.matcher = matcher;
    }

    /** @param detection the lines under {@code detection:}, indented by two spaces */
    static SigmaRuleFixture of(String detection) {
        return of(detection, Map.of());
    }

    static SigmaRuleFixture of(String detection, Map<String, List<String>> placeholders) {
        final RuleSet set = RuleLoader.loadText(Path.of("t.yml"), "title: T\nid: t-1\nlogsource: {product: test}\n"
                + "detection:\n" + detection, placeholders);
        assertThat(set.rejections()).as("rejections").isEmpty();
        assertThat(set.rules()).hasSize(1);
        return new SigmaRuleFixture(new RuleMatcher(set, FieldMapping.none()));
    }

    /** @return the rejection reason of a detection block that must not load */
    static RuleRejection rejection(String detection, Map<String, List<String>> placeholders) {
        final RuleSet set = RuleLoader.loadText(Path.of("t.yml"), "title: T\nid: t-1\nlogsource: {product: test}\n"
                + "detection:\n" + detection, placeholders);
        assertThat(set.rules()).isEmpty();
        assertThat(set.rejections()).hasSize(1);
        return set.rejections().get(0);
    }

    boolean matches(Map<String, Object> event) {
        return matcher.matches(0, event);
    }
}
