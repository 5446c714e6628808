package dev.exactlyonce.json;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonInputTests {

    @ParameterizedTest
    @ValueSource(strings = { "", "  ", "{\"amount\":10,\"currency\":\"EUR\",\"description\":\"Rent 😀\"}",
            "{\"a\":{\"b\":1},\"c\":{\"b\":2}}", "[{\"a\":1},{\"a\":1}]", "\"text\"", "12", "{}" })
    void acceptsWellFormedBodies(String body) {
        assertThat(JsonInput.check(utf8(body))).isNull();
    }

    @Test
    void refusesDuplicateMembersAtTheTopLevel() {
        assertRefused("{\"amount\":10,\"currency\":\"EUR\",\"amount\":900}", JsonInput.Kind.MALFORMED, "/amount",
                "'amount' appears twice");
    }

    @Test
    void refusesDuplicateMembersAtAnyDepth() {
        assertThat(JsonInput.check(utf8("{\"x\":{\"y\":[{\"a\":1,\"a\":2}]}}")).field()).isEqualTo("/x/y/0/a");
    }

    @Test
    void refusesUnprintableTextNamingItsField() {
        assertRefused("{\"amount\":10,\"description\":\"a\\u0000b\"}", JsonInput.Kind.TEXT, "/description", "U+0000");
    }

    @Test
    void refusesUnprintableMemberNames() {
        assertThat(JsonInput.check(utf8("{\"a\\u202eb\":1}")).field()).isEqualTo("/a\u202eb");
        assertThat(JsonInput.check(utf8("{\"a\\u202eb\":1}")).kind()).isEqualTo(JsonInput.Kind.TEXT);
    }

    @Test
    void refusesTextOverTheCeiling() {
        assertThat(JsonInput.check(utf8("{\"d\":\"" + "x".repeat(PrintableText.MAX_LENGTH + 1) + "\"}")).field())
                .isEqualTo("/d");
        assertThat(JsonInput.check(utf8("{\"d\":\"" + "x".repeat(PrintableText.MAX_LENGTH) + "\"}"))).isNull();
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] lone = { '{', '"', 'd', '"', ':', '"', (byte) 0xC3, '"', '}' };
        byte[] overlong = { '{', '"', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' };
        byte[] encodedSurrogate = { '{', '"', 'd', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}' };

        for (byte[] body : new byte[][] { lone, overlong, encodedSurrogate }) {
            JsonInput.Violation violation = JsonInput.check(body);
            assertThat(violation.kind()).isEqualTo(JsonInput.Kind.MALFORMED);
            assertThat(violation.detail()).contains("not valid UTF-8").contains("byte 6");
        }
    }

    @Test
    void refusesByteOrderMarksAndUtf16() {
        assertThat(JsonInput.check(("\uFEFF{}").getBytes(StandardCharsets.UTF_8)).detail()).contains("byte order mark");
        assertThat(JsonInput.check(("\uFEFF{\"a\":1}").getBytes(StandardCharsets.UTF_16BE))).isNotNull();
        assertThat(JsonInput.check(("{\"a\":1}").getBytes(StandardCharsets.UTF_16LE))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"a\":NaN}", "{\"a\":Infinity}", "{'a':1}", "{\"a\":1}/*c*/", "{\"a\":1} {}",
            "{\"a\":01}", "{\"a\":1,}", "[1,]", "{\"a\"", "\"\\x\"" })
    void refusesWhatStrictJsonDoesNotAllow(String body) {
        assertThat(JsonInput.check(utf8(body))).isNotNull().extracting(JsonInput.Violation::kind)
                .isEqualTo(JsonInput.Kind.MALFORMED);
    }

    @Test
    void refusesDeepNesting() {
        String deep = "[".repeat(JsonInput.MAX_DEPTH + 1) + "]".repeat(JsonInput.MAX_DEPTH + 1);

        assertThat(JsonInput.check(utf8(deep)).detail()).contains("nests deeper");
        String fine = "[".repeat(JsonInput.MAX_DEPTH) + "]".repeat(JsonInput.MAX_DEPTH);
        assertThat(JsonInput.check(utf8(fine))).isNull();
    }

    private static void assertRefused(String body, JsonInput.Kind kind, String field, String detail) {
        JsonInput.Violation violation = JsonInput.check(utf8(body));

        assertThat(violation.kind()).isEqualTo(kind);
        assertThat(violation.field()).isEqualTo(field);
        assertThat(violation.detail()).contains(detail);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
