package dev.exactlyonce.chaos.report;

/**
 * Escaping for text that a run recorded (fault details, anomaly details, the replay command) on its way into
 * the HTML page. The page is also well-formed XML, so characters XML forbids are replaced rather than passed
 * through.
 */
final class Html {

    private Html() {
    }

    /** Escapes text for an element's content or a quoted attribute value; {@code null} reads as empty. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach((c) -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(allowedInXml(c) ? c : '\uFFFD');
            }
        });
        return out.toString();
    }

    /** An element whose content is text, escaped. */
    static String text(String tag, String cssClass, String text) {
        String classAttribute = (cssClass != null) ? " class=\"" + cssClass + "\"" : "";
        return "<" + tag + classAttribute + ">" + escape(text) + "</" + tag + ">";
    }

    private static boolean allowedInXml(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

}
