package dev.exactlyonce.json;

/**
 * What a text field may hold: printable Unicode, and not too much of it.
 *
 * <p>A text value is refused when it holds any of
 * <ul>
 * <li>a control character (general category Cc: U+0000..U+001F, U+007F..U+009F), so also NUL, which
 *     PostgreSQL cannot store, and tab, CR and LF, which break a statement line or a log line;</li>
 * <li>an unpaired surrogate (Cs), which no UTF-8 encoder can write back out;</li>
 * <li>an unassigned code point (Cn) as the running Java knows them, which includes the 66
 *     noncharacters such as U+FFFE and U+FFFF;</li>
 * <li>a private-use character (Co), which has no agreed meaning or glyph;</li>
 * <li>a line or paragraph separator (Zl, Zp: U+2028, U+2029);</li>
 * <li>a bidirectional embedding, override or isolate (U+202A..U+202E, U+2066..U+2069), which make text
 *     display in another order than it is stored ("Trojan Source").</li>
 * </ul>
 * Everything else is accepted, spaces, marks, emoji and joiners included. Lengths are counted in UTF-16
 * code units, as Java and JSON's {@code \\u} escapes count them, so U+1F600 counts as two.
 */
public final class PrintableText {

    /** The longest text value any request may carry; a field may set a lower limit of its own. */
    public static final int MAX_LENGTH = 255;

    private PrintableText() {
    }

    /**
     * Why {@code text} is not printable text of at most {@code maxLength} UTF-16 code units, or
     * {@code null} when it is. The reason names the offending code point as {@code U+XXXX} and its
     * index, never the character itself.
     */
    public static String violation(String text, int maxLength) {
        if (text.length() > maxLength) {
            return "is " + text.length() + " characters long; at most " + maxLength + " are accepted";
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String kind = refusedKind(codePoint);
            if (kind != null) {
                return "contains " + String.format("U+%04X", codePoint) + " (" + kind + ") at index " + i
                        + "; text fields take printable Unicode only";
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    /** Whether {@code text} is printable text of at most {@link #MAX_LENGTH} code units. */
    public static boolean isPrintable(String text) {
        return violation(text, MAX_LENGTH) == null;
    }

    /** What kind of refused character {@code codePoint} is, or {@code null} if it is printable. */
    static String refusedKind(int codePoint) {
        if ((codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)) {
            return "a bidirectional control";
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL -> "a control character";
            case Character.SURROGATE -> "an unpaired surrogate";
            case Character.UNASSIGNED -> "an unassigned code point or noncharacter";
            case Character.PRIVATE_USE -> "a private-use character";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line or paragraph separator";
            default -> null;
        };
    }
}
