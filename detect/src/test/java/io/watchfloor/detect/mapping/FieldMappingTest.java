package io.watchfloor.detect.mapping;

import io.watchfloor.detect.rule.LogSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMappingTest {
    @Test
    void shouldTryExplicitAlternativesBeforePrefixes() {
        final FieldMapping m = FieldMapping.parse("prefixes: [Event.EventData.]\n"
                + "fields: {SourceName: ['Event.EventData.Source Name']}\n");
        assertThat(m.alternatives("SourceName"))
                .containsExactly("Event.EventData.Source Name", "Event.EventData.SourceName");
        assertThat(m.alternatives("Image")).containsExactly("Event.EventData.Image");
    }

    @Test
    void shouldImplyFieldsOnlyForCoveredLogSources() {
        final FieldMapping m = FieldMapping.parse("logsources:\n"
                + "  - {logsource: {product: windows, category: file_event}, fields: {EventID: ['11']}}\n");
        assertThat(m.impliedFields(new LogSource("windows", null, "file_event")))
                .isEqualTo(Map.of("EventID", List.of("11")));
        assertThat(m.impliedFields(new LogSource("windows", null, "process_creation"))).isEmpty();
        assertThat(m.impliedFields(new LogSource("linux", null, "file_event"))).isEmpty();
    }

    @Test
    void shouldShipTheWindowsEventLogMapping() {
        final FieldMapping m = FieldMapping.defaults();
        assertThat(m.alternatives("CommandLine")).contains("Event.EventData.CommandLine");
        assertThat(m.alternatives("EventID")).contains("Event.System.EventID");
        assertThat(m.impliedFields(new LogSource("windows", null, "process_creation")).get("EventID")).contains("1");
    }

    @Test
    void shouldRejectMalformedMappingsNamingTheKey() {
        assertThatThrownBy(() -> FieldMapping.parse("fields: [a]\n")).hasMessageContaining("fields");
        assertThatThrownBy(() -> FieldMapping.parse("logsources: [x]\n")).hasMessageContaining("logsource");
    }
}
