package io.watchfloor.detect.offline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonEventsTest {
    @Test
    void shouldFlattenNestedObjectsToDottedKeysAndKeepArraysAsLists() throws IOException {
        final Map<String, Object> e = JsonEvents.parseLine(
                "{\"a\":{\"b\":{\"c\":\"x\"}},\"n\":7,\"t\":true,\"z\":null,\"l\":[\"192.0.2.1\",2]}");
        assertThat(e).containsEntry("a.b.c", "x").containsEntry("n", 7L).containsEntry("t", true)
                .containsEntry("l", List.of("192.0.2.1", 2L)).containsKey("z");
        assertThat(JsonEvents.parseLine("   ")).isNull();
        assertThatThrownBy(() -> JsonEvents.parseLine("[1]")).isInstanceOf(IOException.class);
    }

    @Test
    void shouldReadBackToBackPrettyPrintedObjects(@TempDir Path dir) throws IOException {
        final Path f = dir.resolve("e.json");
        Files.writeString(f, "{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}\n");
        assertThat(JsonEvents.readAll(f)).extracting(m -> m.get("a")).containsExactly(1L, 2L);
    }
}
