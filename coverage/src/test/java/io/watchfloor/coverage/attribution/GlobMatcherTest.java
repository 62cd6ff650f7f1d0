package io.watchfloor.coverage.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GlobMatcherTest {
    private static boolean bytesMatch(String glob, String text) {
        final byte[] padded = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        return new GlobMatcher(glob).matches(padded, 2, padded.length - 4);
    }

    @Test
    void shouldMatchLiteralsIgnoringCase() {
        assertThat(bytesMatch("fw-edge-01", "FW-Edge-01")).isTrue();
        assertThat(bytesMatch("FW-EDGE-01", "fw-edge-01")).isTrue();
        assertThat(bytesMatch("fw-edge-01", "fw-edge-011")).isFalse();
        assertThat(bytesMatch("fw-edge-01", "fw-edge-0")).isFalse();
    }

    @Test
    void shouldMatchStarAndQuestionMark() {
        assertThat(bytesMatch("fw-edge-01*", "fw-edge-01.example.com")).isTrue();
        assertThat(bytesMatch("fw-edge-01*", "fw-edge-01")).isTrue();
        assertThat(bytesMatch("*.example.com", "ldap1.example.com")).isTrue();
        assertThat(bytesMatch("*.example.com", "ldap1.example.org")).isFalse();
        assertThat(bytesMatch("ldap??", "ldap01")).isTrue();
        assertThat(bytesMatch("ldap??", "ldap1")).isFalse();
        assertThat(bytesMatch("a*b*c", "axxbyyc")).isTrue();
        assertThat(bytesMatch("a*b*c", "axxbyyd")).isFalse();
        assertThat(bytesMatch("*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).isFalse();
        assertThat(bytesMatch("*", "")).isTrue();
        assertThat(bytesMatch("?", "")).isFalse();
    }

    @Test
    void shouldMatchStrings() {
        final GlobMatcher g = new GlobMatcher("web-*");
        assertThat(g.matches("WEB-01")).isTrue();
        assertThat(g.matches("db-01")).isFalse();
        assertThat(g.matches((CharSequence) null)).isFalse();
        assertThat(g.glob()).isEqualTo("web-*");
    }
}
