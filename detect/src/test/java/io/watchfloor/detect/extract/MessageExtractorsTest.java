package io.watchfloor.detect.extract;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

class MessageExtractorsTest {
    /**
     * Every extractor reads arbitrary bytes without throwing and keeps its fields inside the message: the same
     * message between two different paddings yields the same values.
     */
    @Property(tries = 300)
    void shouldNeverThrowOrReachOutsideTheMessage(@ForAll @Size(max = 300) byte[] message) {
        for (String name : MessageExtractors.names()) {
            assertThat(run(name, message, (byte) '"')).isEqualTo(run(name, message, (byte) ' '));
        }
    }

    private static java.util.List<String> run(String extractor, byte[] message, byte padding) {
        final byte[] slot = new byte[message.length + 8];
        java.util.Arrays.fill(slot, padding);
        System.arraycopy(message, 0, slot, 4, message.length);
        final MessageFields out = new MessageFields();
        out.reset(slot);
        MessageExtractors.byName(extractor).extract(slot, 4, 4 + message.length, out);
        final java.util.List<String> values = new java.util.ArrayList<>();
        for (MessageField f : MessageField.values()) {
            values.add(out.value(f.ordinal()));
        }
        return values;
    }

    @Property(tries = 200)
    void shouldParseStructuredNoiseWithoutThrowing(@ForAll("authLike") String line) {
        final byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String name : MessageExtractors.names()) {
            final MessageFields out = new MessageFields();
            out.reset(b);
            MessageExtractors.byName(name).extract(b, 0, b.length, out);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> authLike() {
        final String[] parts = {"Failed ", "password ", "for ", "invalid user ", "from ", "192.0.2.7", " port ", "22",
            " ; ", "COMMAND=", "TTY=", "(", ")", " CMD ", "IN=", " SRC=", "=", "[", "]", "\"", " ", "-", ":", "pam_",
            "): ", "session opened for user ", "su for ", " by ", "+ ", " to ", " on "};
        return net.jqwik.api.Arbitraries.of(parts).list().ofMaxSize(20).map(l -> String.join("", l));
    }

    @org.junit.jupiter.api.Test
    void shouldFindEachExtractorByName() {
        assertThat(MessageExtractors.names()).containsExactly("sshd", "sudo", "cron", "su", "pam", "auth", "netfilter",
                "access_log");
        assertThat(MessageExtractors.byName("sshd")).isSameAs(SshdMessageExtractor.INSTANCE);
        assertThat(MessageExtractors.byName("nope")).isNull();
    }
}
