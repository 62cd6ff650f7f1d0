package io.watchfloor.detect.mapping;

import io.watchfloor.detect.TestEvents;
import io.watchfloor.detect.extract.MessageField;
import io.watchfloor.detect.rule.LogSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResolvedFieldsTest {
    private static ResolvedFields resolve(String yaml, LogSource declared, String... names) {
        final MappingSelector s = new MappingSelector(FieldMapping.parse(yaml, Path.of("m.yml")), names);
        return s.select(TestEvents.json(Map.of("a", "b")), declared);
    }

    @Test
    void shouldTryOwnNameThenFieldsThenPrefixesWithoutDuplicates() {
        final ResolvedFields r = resolve("mappings:\n  - {fields: {X: [a.X, b]}, prefixes: [a., c.]}\n", null, "X", "Y");
        assertThat(r.paths(0)).containsExactly("X", "a.X", "b", "c.X");
        assertThat(r.paths(1)).containsExactly("Y", "a.Y", "c.Y");
        assertThat(r.candidates("Z").paths()).containsExactly("Z", "a.Z", "c.Z");
    }

    @Test
    void shouldMarkSubtreesExtractedFieldsAndCarriedSourceIp() {
        final ResolvedFields r = resolve("mappings:\n"
                + "  - {logsource: {product: linux, service: sshd}, extract: sshd, fields: {U: [user.name], "
                + "P: ['p.*'], S: [source.ip], D: [destination.ip]}}\n", new LogSource("linux", "sshd", null),
                "U", "P", "S", "D", "source.ip");
        assertThat(r.kinds(0)).containsExactly(ResolvedFields.EVENT, MessageField.USER_NAME.ordinal());
        assertThat(r.paths(1)).containsExactly("P", "p.");
        assertThat(r.kinds(1)[1]).isEqualTo(ResolvedFields.SUBTREE);
        assertThat(r.kinds(2)[1]).isEqualTo(MessageField.SOURCE_IP.ordinal());
        assertThat(r.kinds(3)[1]).isEqualTo(ResolvedFields.EVENT);
        // a rule naming source.ip itself reads the extracted client address, not the sender's
        assertThat(r.kinds(4)).containsExactly(MessageField.SOURCE_IP.ordinal());
        final ResolvedFields json = resolve("mappings:\n  - {fields: {S: [source.ip]}}\n", null, "S", "source.ip");
        assertThat(json.kinds(0)[1]).isEqualTo(ResolvedFields.CARRIED);
        assertThat(json.kinds(1)).containsExactly(ResolvedFields.EVENT);
    }
}
