package io.watchfloor.detect.match;

import io.watchfloor.detect.TestEvents;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.rule.LogSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogSourceConditionsTest {
    private static final LogSource PROCESS_CREATION = new LogSource("windows", null, "process_creation");

    @Test
    void shouldAdmitOnlyTheImpliedValuesWhenTheEventHasTheField() {
        final EventFieldView v = new EventFieldView(new FieldRegistry(), FieldMapping.defaults());
        final LogSourceConditions c = new LogSourceConditions(new LogSource[] {PROCESS_CREATION,
            new LogSource("linux", null, null)}, FieldMapping.defaults(), v);
        v.reset(TestEvents.json(Map.of("Event.System.EventID", 1L)), null);
        assertThat(c.fit(0, v)).isTrue();
        v.reset(TestEvents.json(Map.of("Event.System.EventID", 3L)), null);
        assertThat(c.fit(0, v)).isFalse();
        assertThat(c.fit(1, v)).as("a log source implying nothing").isTrue();
        v.reset(TestEvents.json(Map.of("winlog.event_id", 4688L)), null);
        assertThat(c.fit(0, v)).as("read through the mapping").isTrue();
        v.reset(TestEvents.json(Map.of("Image", "x.exe")), null);
        assertThat(c.fit(0, v)).as("without the field").isTrue();
    }
}
