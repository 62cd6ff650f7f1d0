package io.watchfloor.detect.match;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiteralAutomatonTest {
    private static List<Integer> scan(LiteralAutomaton a, String value) {
        final List<Integer> found = new ArrayList<>();
        a.scan(value, found::add);
        return found;
    }

    @Test
    void shouldReportEveryOccurrenceOfOverlappingLiteralsInOrderOfTheirEnds() {
        final LiteralAutomaton a = LiteralAutomaton.of(List.of("he", "she", "his", "hers"));
        assertThat(scan(a, "ushers")).containsExactly(1, 0, 3);
        assertThat(scan(a, "hishe")).containsExactly(2, 1, 0);
        assertThat(scan(a, "xyz")).isEmpty();
    }

    @Test
    void shouldFoldTheScannedValueButNotTheLiterals() {
        final LiteralAutomaton a = LiteralAutomaton.of(List.of("cmd.exe", "k"));
        assertThat(scan(a, "C:\\Windows\\CMD.EXE")).containsExactly(0);
        // the Kelvin sign folds to k, as case-insensitive matching compares it
        assertThat(scan(a, "\u212A")).containsExactly(1);
        assertThat(scan(LiteralAutomaton.of(List.of("CMD")), "CMD")).isEmpty();
    }

    @Test
    void shouldFindLiteralsStartingWithNonAsciiCharacters() {
        final LiteralAutomaton a = LiteralAutomaton.of(List.of("\u00e9t\u00e9", "t\u00e9"));
        assertThat(scan(a, "\u00c9T\u00c9")).containsExactly(0, 1);
    }

    @Test
    void shouldRejectEmptyAndRepeatedLiterals() {
        assertThatThrownBy(() -> LiteralAutomaton.of(List.of(""))).hasMessageContaining("empty");
        assertThatThrownBy(() -> LiteralAutomaton.of(List.of("ab", "ab"))).hasMessageContaining("repeated");
    }

    @Provide
    Arbitrary<List<String>> literalSets() {
        // many literals sharing prefixes and suffixes, to exercise failure and dictionary links
        return Arbitraries.strings().withChars("abc\\.\u00e9").ofMinLength(1).ofMaxLength(5).set().ofMinSize(1)
                .ofMaxSize(40).map(ArrayList::new);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("abcABC\\.\u00e9\u00c9x").ofMaxLength(60);
    }

    @Property(tries = 1000)
    void shouldFindExactlyTheLiteralsAFoldedIndexOfFinds(@ForAll("literalSets") List<String> literals,
                                                         @ForAll("values") String value) {
        final LiteralAutomaton a = LiteralAutomaton.of(literals);
        final String folded = RegexLiteralsTest.fold(value);
        final Set<Integer> expected = new TreeSet<>();
        int occurrences = 0;
        for (int i = 0; i < literals.size(); i++) {
            final String lit = literals.get(i);
            for (int from = folded.indexOf(lit); from >= 0; from = folded.indexOf(lit, from + 1)) {
                expected.add(i);
                occurrences++;
            }
        }
        final List<Integer> found = scan(a, value);
        assertThat(new TreeSet<>(found)).isEqualTo(expected);
        assertThat(found).hasSize(occurrences);
        Statistics.label("found").collect(expected.isEmpty() ? "none" : "some");
        Statistics.label("found").coverage(c -> c.check("some").percentage(p -> p > 30));
    }
}
