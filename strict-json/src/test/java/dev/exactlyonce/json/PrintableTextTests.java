package dev.exactlyonce.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTextTests {

    @ParameterizedTest
    @ValueSource(strings = { "", "Rent for May", "Grüße, Zoë – 10 €", "日本語のメモ", "emoji 😀 and 👩‍👩‍👧 family",
            "non\u00A0breaking", "e\u0301 combining", "Arabic مرحبا", "soft\u00ADhyphen", "zero\u200Bwidth" })
    void acceptsPrintableText(String text) {
        assertThat(PrintableText.violation(text, PrintableText.MAX_LENGTH)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = { 0x0000, 0x0001, 0x0009, 0x000A, 0x000D, 0x001B, 0x001F, 0x007F, 0x0080, 0x0085, 0x009F,
            0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF, 0xE000, 0xF8FF, 0xF0000, 0x2028, 0x2029,
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069 })
    void refusesControlNoncharacterPrivateUseSeparatorAndBidiControl(int codePoint) {
        String text = "before" + Character.toString(codePoint) + "after";

        assertThat(PrintableText.violation(text, PrintableText.MAX_LENGTH))
                .contains(String.format("U+%04X", codePoint)).contains("index 6");
    }

    @Test
    void refusesUnpairedSurrogatesButNotPairs() {
        assertThat(PrintableText.violation("x\uD800", 10)).contains("U+D800").contains("unpaired surrogate");
        assertThat(PrintableText.violation("\uDC00x", 10)).contains("U+DC00");
        assertThat(PrintableText.violation("\uDE00\uD83D", 10)).contains("U+DE00");
        assertThat(PrintableText.violation("\uD83D\uDE00", 10)).isNull();
    }

    @Test
    void countsLengthInUtf16CodeUnits() {
        assertThat(PrintableText.violation("a".repeat(140), 140)).isNull();
        assertThat(PrintableText.violation("a".repeat(141), 140)).contains("141").contains("at most 140");
        assertThat(PrintableText.violation("😀".repeat(70), 140)).isNull();
        assertThat(PrintableText.violation("😀".repeat(71), 140)).contains("142");
    }

    @Test
    void neverRepeatsTheRefusedCharacter() {
        assertThat(PrintableText.violation("a\u0000b", 10)).doesNotContain("\u0000");
    }
}
