package io.watchfloor.detect.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegexLiteralsTest {
    @Test
    void shouldTakeTheLongestUnquantifiedRunFolded() {
        assertThat(RegexLiterals.required("\\\\Windows\\\\Temp\\\\[a-z]+\\.EXE$")).containsExactly("\\windows\\temp\\");
        assertThat(RegexLiterals.required("^abc\\d{2}longerpart")).containsExactly("longerpart");
    }

    @Test
    void shouldDropCharactersAQuantifierMakesOptional() {
        assertThat(RegexLiterals.required("abcx?yz")).containsExactly("abc");
        assertThat(RegexLiterals.required("ab*cdef")).containsExactly("cdef");
        assertThat(RegexLiterals.required("abcd{0,3}x")).containsExactly("abc");
    }

    @Test
    void shouldKeepTheFirstRepeatOfARequiredCharacter() {
        assertThat(RegexLiterals.required("xyzw+q")).containsExactly("xyzw");
        assertThat(RegexLiterals.required("powers{2,}q")).containsExactly("powers");
    }

    @Test
    void shouldJoinAlternativesOnlyWhenEveryBranchRequiresALiteral() {
        assertThat(RegexLiterals.required("(?i)(cmd\\.exe|powershell)\\s")).containsExactlyInAnyOrder("cmd.exe",
                "powershell");
        assertThat(RegexLiterals.required("foo|bar|[0-9]+")).isNull();
        assertThat(RegexLiterals.required("(?:ab|)cd")).containsExactly("cd");
        assertThat(RegexLiterals.required("x(?:abc|def)?y")).containsExactly("x");
    }

    @Test
    void shouldUseRequiredGroupsAndNamedGroups() {
        // a group's literal does not join the run after it: conservative, never wrong
        assertThat(RegexLiterals.required("(?P<name>invoke-expression)\\(")).containsExactly("invoke-expression");
        assertThat(RegexLiterals.required("[a-z]{3}(?s:mimikatz)+")).containsExactly("mimikatz");
    }

    @Test
    void shouldGiveNothingForLiteralFreeOrUnmodelledPatterns() {
        assertThat(RegexLiterals.required(".{1000,}")).isNull();
        assertThat(RegexLiterals.required("\\s[a-fA-F0-9]{64}\\s")).isNull();
        assertThat(RegexLiterals.required("\\Qa.b\\E")).isNull();
        assertThat(RegexLiterals.required("a{,3}bcd")).isNull();
        assertThat(RegexLiterals.required("")).isNull();
    }

    @Test
    void shouldSkipClassesEscapesAndUnicodeProperties() {
        assertThat(RegexLiterals.required("[\\]abc]zz\\p{Greek}yy\\x{41}ww[[:alpha:]]vvv")).containsExactly("vvv");
        assertThat(RegexLiterals.required("a\\.b\\-c\\ d")).containsExactly("a.b-c d");
    }

    @Test
    void shouldCountTheShortestMatchInCodePoints() {
        assertThat(RegexLiterals.minLength(".{1000,}")).isEqualTo(1000);
        assertThat(RegexLiterals.minLength("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}")).isEqualTo(82);
        assertThat(RegexLiterals.minLength("^ab?(cd|e)\\b\\.x*$")).isEqualTo(3);
        assertThat(RegexLiterals.minLength("(?i)(?:abc|de){2}\\p{Greek}")).isEqualTo(5);
        assertThat(RegexLiterals.minLength("a|")).isZero();
        assertThat(RegexLiterals.minLength("\\Qabc\\E")).as("not understood").isZero();
    }

    @Test
    void shouldFoldLikeTheValueSideForEveryCharacterACaseInsensitiveRegexMatches() {
        // RE2 folds k to the Kelvin sign and s to the long s: the scan's fold must bring them back to the literal
        for (char c = 0x20; c < 0x7F; c++) {
            final String regex = Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
            final String literal = RegexLiterals.required(regex).get(0);
            final Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            for (int v = 0; v < 0x10000; v++) {
                if (p.matcher(String.valueOf((char) v)).find()) {
                    assertThat(String.valueOf(WildcardMatcher.fold((char) v))).as("U+%04X for /%s/", v, regex)
                            .isEqualTo(literal);
                }
            }
        }
    }

    /** Regexes over a small alphabet, so random values often match them. */
    @Provide
    Arbitrary<String> regexes() {
        final Arbitrary<String> atom = Arbitraries.oneOf(
                Arbitraries.of("a", "b", "C", "\\.", "\\\\", "-", ".", "[ab]", "\\d", "\\s", "x"),
                Arbitraries.of("(?:ab|Ba)", "(a|bc)", "(?i:Ab)", "(?:ab)", "(a|)", "^", "$"));
        final Arbitrary<String> quantified = Combinators.combine(atom,
                Arbitraries.of("", "", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "+?")).as((a, q) -> a + q);
        final Arbitrary<String> sequence = quantified.list().ofMinSize(1).ofMaxSize(6)
                .map(l -> String.join("", l));
        return sequence.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("|", l));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("abcABC.\\- x1\u212A").ofMaxLength(16);
    }

    @Property(tries = 3000)
    void everyValueARegexFindsContainsOneOfItsLiterals(@ForAll("regexes") String regex, @ForAll("values") String value,
                                                       @ForAll boolean ignoreCase) {
        final Pattern p;
        try {
            p = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            Assume.that(false);
            return;
        }
        final List<String> literals = RegexLiterals.required(regex);
        final com.google.re2j.Matcher m = p.matcher(value);
        final boolean found = m.find();
        if (found) {
            assertThat(value.codePointCount(m.start(), m.end())).as("code points of the match of /%s/", regex)
                    .isGreaterThanOrEqualTo(RegexLiterals.minLength(regex));
        }
        Statistics.label("outcome").collect(found ? "match" : "no match", literals == null ? "none" : "literals");
        if (found && literals != null) {
            final String folded = fold(value);
            assertThat(literals).as("literals of /%s/ in '%s'", regex, value).anyMatch(folded::contains);
        }
        Statistics.label("outcome").coverage(c -> c.check("match", "literals").percentage(pct -> pct > 5));
    }

    static String fold(String s) {
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(WildcardMatcher.fold(s.charAt(i)));
        }
        return b.toString();
    }
}
