package io.watchfloor.detect.offline;

import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleMatcherTest {
    private static RuleMatcher matcher(String yaml, FieldMapping mapping) {
        final RuleSet set = RuleLoader.loadText(Path.of("r.yml"), yaml);
        assertThat(set.rejections()).isEmpty();
        return new RuleMatcher(set, mapping);
    }

    @Test
    void shouldExcludeEventsOnlyWhenTheirOwnLogSourceFieldsDiffer() throws IOException {
        final RuleMatcher m = matcher("title: T\nid: t\nlogsource: {product: linux, service: sshd}\n"
                + "detection:\n  k: ['failed password']\n  condition: k\n", FieldMapping.none());
        assertThat(m.match(JsonEvents.parseLine("{\"message\":\"Failed password for root\"}"))).containsExactly(0);
        assertThat(m.match(JsonEvents.parseLine("{\"logsource\":{\"service\":\"sshd\"},\"message\":\"Failed password\"}")))
                .containsExactly(0);
        assertThat(m.match(JsonEvents.parseLine("{\"service\":\"sudo\",\"message\":\"Failed password\"}"))).isEmpty();
        assertThat(m.match(JsonEvents.parseLine("{\"logsource.product\":\"windows\",\"message\":\"Failed password\"}")))
                .isEmpty();
    }

    @Test
    void shouldSearchKeywordsInEveryStringValueWithoutMessage() throws IOException {
        final RuleMatcher m = matcher("title: T\nid: t\nlogsource: {product: linux}\n"
                + "detection:\n  k: ['evil.example.com']\n  condition: k\n", FieldMapping.none());
        assertThat(m.match(JsonEvents.parseLine("{\"dns\":{\"query\":\"www.evil.example.com\"}}"))).containsExactly(0);
        assertThat(m.match(JsonEvents.parseLine("{\"message\":\"nothing\",\"q\":\"evil.example.com\"}"))).isEmpty();
    }

    @Test
    void shouldReadNestedAndDottedKeysAlike() throws IOException {
        final RuleMatcher m = matcher("title: T\nid: t\nlogsource: {product: aws}\n"
                + "detection:\n  s: {userIdentity.type: Root}\n  condition: s\n", FieldMapping.none());
        assertThat(m.match(JsonEvents.parseLine("{\"userIdentity\":{\"type\":\"Root\"}}"))).containsExactly(0);
        assertThat(m.match(JsonEvents.parseLine("{\"userIdentity.type\":\"Root\"}"))).containsExactly(0);
        assertThat(m.match(JsonEvents.parseLine("{\"userIdentity\":{\"type\":\"IAMUser\"}}"))).isEmpty();
    }

    @Test
    void shouldMapSigmaFieldsOntoWindowsEventJson() throws IOException {
        final RuleMatcher m = matcher("title: T\nid: t\nlogsource: {product: windows, category: process_creation}\n"
                + "detection:\n  s: {EventID: 1, Image|endswith: '\\whoami.exe'}\n  condition: s\n",
                FieldMapping.defaults());
        final String hit = "{\"Event\":{\"System\":{\"EventID\":1},\"EventData\":{\"Image\":\"C:\\\\Windows\\\\whoami.exe\"}}}";
        assertThat(m.match(JsonEvents.parseLine(hit))).containsExactly(0);
        assertThat(m.match(JsonEvents.parseLine(hit.replace("whoami", "hostname")))).isEmpty();
    }

    @Test
    void shouldApplyTheLogSourceEventIdsTheMappingImplies() throws IOException {
        final RuleMatcher m = matcher("title: T\nid: t\nlogsource: {product: windows, category: file_event}\n"
                + "detection:\n  s: {Image|endswith: '\\x.exe'}\n  condition: s\n", FieldMapping.defaults());
        assertThat(m.match(JsonEvents.parseLine(
                "{\"Event\":{\"System\":{\"EventID\":11},\"EventData\":{\"Image\":\"C:\\\\x.exe\"}}}"))).containsExactly(0);
        assertThat(m.match(JsonEvents.parseLine(
                "{\"Event\":{\"System\":{\"EventID\":1},\"EventData\":{\"Image\":\"C:\\\\x.exe\"}}}"))).isEmpty();
    }
}
