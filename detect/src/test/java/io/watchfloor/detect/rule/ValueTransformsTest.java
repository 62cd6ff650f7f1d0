package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.InvalidDetectionException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTransformsTest {
    @Test
    void shouldGiveTheThreeBase64OffsetFormsOfTheSpecification() {
        // the specification's example: base64offset of '/bin/bash'
        assertThat(ValueTransforms.base64Offset("/bin/bash")).containsExactly("L2Jpbi9iYXNo", "9iaW4vYmFza", "vYmluL2Jhc2");
    }

    @Test
    void shouldExpandOnlyDashesThatStartAWord() throws InvalidDetectionException {
        assertThat(ValueTransforms.windash("windash", " -a /b")).hasSize(25)
                .contains(" -a /b", " /a -b", " \u2013a \u2014b", " \u2015a \u2015b");
        assertThat(ValueTransforms.windash("windash", "a-b x/y --")).containsExactly("a-b x/y --");
    }

    @Test
    void shouldExpandEveryCombinationOfPlaceholderValuesAndKeepEscapedPercent() throws InvalidDetectionException {
        assertThat(ValueTransforms.expand("%a%\\%%b%", Map.of("a", List.of("1", "2"), "b", List.of("x"))))
                .containsExactly("1%x", "2%x");
        assertThatThrownBy(() -> ValueTransforms.expand("%missing%", Map.of()))
                .isInstanceOf(InvalidDetectionException.class).hasMessageContaining("%missing%");
    }
}
