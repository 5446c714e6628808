package dev.exactlyonce.bank.system;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Ids are accepted only in their canonical form, 8-4-4-4-12 hex digits, in paths and bodies alike.
 * {@link UUID#fromString} also takes {@code 2ced367-ef10-…} for {@code 02ced367-ef10-…}, and Jackson
 * takes Base64: one account would have many spellings, and the Idempotency-Key filter, which
 * fingerprints the raw request, would see two requests where the ledger sees one.
 */
@ControllerAdvice
class CanonicalUuids {

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static UUID parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException("Not a UUID in canonical form (8-4-4-4-12 hex digits)");
        }
        return UUID.fromString(text);
    }

    /**
     * For path variables and request parameters. A custom editor, not a {@code Converter}: when a
     * converter of the conversion service fails, the data binder quietly falls back to its default
     * {@code UUIDEditor}, which is {@link UUID#fromString} again.
     */
    @InitBinder
    void canonicalUuidsOnly(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PathEditor());
    }

    private static final class PathEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            setValue(parse(text));
        }
    }

    /** For JSON bodies. */
    static final class Deserializer extends StdScalarDeserializer<UUID> {

        Deserializer() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (UUID) context.handleUnexpectedToken(UUID.class, parser);
            }
            String text = parser.getString();
            try {
                return parse(text);
            } catch (IllegalArgumentException ex) {
                return (UUID) context.handleWeirdStringValue(UUID.class, text, ex.getMessage());
            }
        }
    }
}
