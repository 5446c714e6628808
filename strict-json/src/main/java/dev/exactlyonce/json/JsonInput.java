package dev.exactlyonce.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * The rules every JSON request body meets before any handler reads it, checked in one pass over the
 * bytes, whatever type the body is bound to later:
 * <ul>
 * <li>it is well-formed UTF-8 without a byte order mark (RFC 8259 section 8.1), so neither UTF-16 nor
 *     a mis-declared charset can make two parsers read it two ways;</li>
 * <li>it is one strict JSON value (no NaN or Infinity, comments, single quotes or trailing content),
 *     nested at most {@value #MAX_DEPTH} deep;</li>
 * <li>no object names a member twice, at any depth: {@code {"amount":10,"amount":900}} would otherwise
 *     mean 900 to Jackson and something else to whatever fingerprints the raw bytes;</li>
 * <li>every string, value or member name, is {@link PrintableText printable text} of at most
 *     {@link PrintableText#MAX_LENGTH} code units.</li>
 * </ul>
 */
public final class JsonInput {

    /** How deep objects and arrays may nest; the APIs need two levels. */
    public static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonInput() {
    }

    /**
     * What is wrong with {@code body}, or {@code null} when it meets every rule. An empty body passes:
     * whether one is required is the endpoint's decision.
     */
    public static Violation check(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return new Violation(Kind.MALFORMED, null, "The request body starts with a byte order mark; JSON is sent as plain UTF-8");
        }
        String text = decodeUtf8(body);
        if (text == null) {
            return new Violation(Kind.MALFORMED, null, "The request body is not valid UTF-8 (byte " + firstInvalidByte(body)
                    + "); JSON is sent as UTF-8");
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            return walk(parser);
        } catch (StreamConstraintsException ex) {
            return new Violation(Kind.MALFORMED, null, "The request body nests deeper than " + MAX_DEPTH
                    + " levels or exceeds a size limit of the JSON reader");
        } catch (JacksonException ex) {
            return new Violation(Kind.MALFORMED, null, "The request body is not valid JSON" + where(ex.getLocation()));
        }
    }

    private static Violation walk(JsonParser parser) {
        Deque<Set<String>> objects = new ArrayDeque<>();
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        while (token != null) {
            switch (token) {
                case START_OBJECT -> objects.push(new HashSet<>());
                case END_OBJECT -> objects.pop();
                case PROPERTY_NAME -> {
                    String name = parser.currentName();
                    String pointer = parser.streamReadContext().pathAsPointer().toString();
                    String problem = PrintableText.violation(name, PrintableText.MAX_LENGTH);
                    if (problem != null) {
                        return new Violation(Kind.TEXT, pointer, "A member name " + problem);
                    }
                    if (!objects.peek().add(name)) {
                        return new Violation(Kind.MALFORMED, pointer, "The member '" + name + "' appears twice in one object");
                    }
                }
                case VALUE_STRING -> {
                    String pointer = parser.streamReadContext().pathAsPointer().toString();
                    String problem = PrintableText.violation(parser.getString(), PrintableText.MAX_LENGTH);
                    if (problem != null) {
                        return new Violation(Kind.TEXT, pointer,
                                (pointer.isEmpty() ? "The body's text " : "The text at '" + pointer + "' ") + problem);
                    }
                }
                default -> {
                }
            }
            if (objects.isEmpty() && parser.streamReadContext().inRoot()) {
                break;
            }
            token = parser.nextToken();
        }
        if (parser.nextToken() != null) {
            return new Violation(Kind.MALFORMED, null, "The request body has content after its JSON value"
                    + where(parser.currentLocation()));
        }
        return null;
    }

    private static String decodeUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException ex) {
            return null;
        }
    }

    /** The 0-based offset of the first byte that is not part of well-formed UTF-8. */
    private static long firstInvalidByte(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return in.position();
        }
        return body.length;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The kind of rule a body broke. */
    public enum Kind {
        /** Not UTF-8, not one strict JSON value, too deep, or a member named twice. */
        MALFORMED,
        /** A string or member name that is not printable text. */
        TEXT
    }

    /**
     * A broken rule.
     *
     * @param kind which kind of rule
     * @param field the JSON Pointer (RFC 6901) of the offending member or value, such as
     *        {@code /description}; {@code null} when the body as a whole is at fault
     * @param detail a sentence for the caller; it never repeats the offending text
     */
    public record Violation(Kind kind, String field, String detail) {
    }
}
