package io.watchfloor.server.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLineReaderTest {
    private static List<String> read(String input, int max) throws IOException {
        final BoundedLineReader r = new BoundedLineReader(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), max);
        final List<String> out = new ArrayList<>();
        for (String line; (line = r.next()) != null; ) {
            out.add(r.tooLong() ? "<too long>" : line);
        }
        return out;
    }

    @Test
    void shouldSplitOnLfAndCrLfAndKeepALastLineWithoutTerminator() throws IOException {
        assertThat(read("a\r\nbé\n\nlast", 10)).containsExactly("a", "bé", "", "last");
        assertThat(read("", 10)).isEmpty();
        assertThat(read("one\n", 10)).containsExactly("one");
    }

    @Test
    void shouldSkipALineLongerThanTheMaximumAndCarryOnAfterIt() throws IOException {
        assertThat(read("12345\n123456\nok\n" + "y".repeat(200_000) + "\nend", 5))
                .containsExactly("12345", "<too long>", "ok", "<too long>", "end");
    }
}
