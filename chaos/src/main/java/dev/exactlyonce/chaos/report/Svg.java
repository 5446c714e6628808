package dev.exactlyonce.chaos.report;

import java.util.Locale;

/**
 * Builds inline SVG markup. Attributes come as name and value pairs; numbers are written with at most one
 * decimal, which is finer than a pixel and keeps a two-hour chart small, and every other value is escaped.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder();

    /** A self-closing element such as {@code <line .../>}. */
    Svg element(String name, Object... attributes) {
        tag(name, attributes).append("/>");
        return this;
    }

    Svg open(String name, Object... attributes) {
        tag(name, attributes).append('>');
        return this;
    }

    Svg close(String name) {
        this.out.append("</").append(name).append('>');
        return this;
    }

    /** An element with text content, such as {@code <text>} or {@code <title>}. */
    Svg text(String name, String text, Object... attributes) {
        tag(name, attributes).append('>').append(Html.escape(text)).append("</").append(name).append('>');
        return this;
    }

    @Override
    public String toString() {
        return this.out.toString();
    }

    static String number(double value) {
        long tenths = Math.round(value * 10);
        return (tenths % 10 == 0) ? Long.toString(tenths / 10)
                : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    private StringBuilder tag(String name, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "Attributes of <" + name + "> come in name and value pairs, got " + attributes.length + " items");
        }
        this.out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            String written = (value instanceof Double number) ? number(number) : Html.escape(String.valueOf(value));
            this.out.append(' ').append(attributes[i]).append("=\"").append(written).append('"');
        }
        return this.out;
    }

}
