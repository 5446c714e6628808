package dev.exactlyonce.bank.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document of bank-service as checked in at {@value #FILE}: the one description of the API that
 * bank-service's build compares with what the running service serves, and that client-app's Feign interface
 * and the gateway's keyed paths are checked against.
 *
 * <p>Reads only what those checks need (operations, parameters, security, request and success bodies) and
 * resolves {@code $ref}s within the document. A document that is not OpenAPI 3 JSON fails loudly.
 */
public final class BankApiContract {

    /** Where the document lives, from the repository's root. */
    public static final String FILE = "contracts/bank-service.openapi.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;

    private BankApiContract(JsonNode document) {
        if (!document.path("openapi").asString("").startsWith("3.") || !document.path("paths").isObject()) {
            throw new IllegalArgumentException("Not an OpenAPI 3 document: no 'openapi: 3.x' or no 'paths'");
        }
        this.document = document;
    }

    /** The checked-in document. */
    public static BankApiContract checkedIn() {
        try {
            return of(JSON.readTree(Files.readString(location())));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + location(), ex);
        }
    }

    public static BankApiContract of(JsonNode document) {
        return new BankApiContract(document);
    }

    /**
     * The checked-in file, found from the working directory upwards (a module's directory under Maven, the
     * repository's root in an IDE): the repository's root is where {@code mvnw} is.
     */
    public static Path location() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve(FILE);
            }
        }
        throw new IllegalStateException("No repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
    }

    /** A copy of the document's JSON, for a test that mutates it. */
    public JsonNode json() {
        return document.deepCopy();
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    operations.add(operation(path.getKey(), method.getKey(), path.getValue(), method.getValue()));
                }
            }
        }
        return operations;
    }

    /** The operation of {@code method} on {@code path}; path variables match whatever they are named. */
    public Optional<Operation> find(String method, String path) {
        return operations().stream()
                .filter(operation -> operation.method().equalsIgnoreCase(method) && shape(operation.path()).equals(shape(path)))
                .findFirst();
    }

    /** A path template with its variables' names left out: {@code /accounts/{id}} and {@code /accounts/{accountId}} agree. */
    public static String shape(String path) {
        return path.replaceAll("\\{[^}/]*}", "{}");
    }

    private Operation operation(String path, String method, JsonNode pathItem, JsonNode operation) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode declared : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : declared) {
                JsonNode resolved = resolve(parameter);
                parameters.add(new Parameter(resolved.path("name").asString(), resolved.path("in").asString(),
                        resolved.path("required").asBoolean(false)));
            }
        }
        JsonNode body = resolve(operation.path("requestBody"));
        Optional<Schema> requestBody = content(body.path("content"));
        Optional<Schema> successBody = Optional.empty();
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            if (response.getKey().startsWith("2") && successBody.isEmpty()) {
                successBody = content(resolve(response.getValue()).path("content"));
            }
        }
        JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
        return new Operation(method.toUpperCase(Locale.ROOT), path, parameters, requestBody,
                body.path("required").asBoolean(false), successBody, bearerSchemes(security));
    }

    /** The JSON body's schema: {@code application/json}, else any JSON type, else springdoc's {@code *}{@code /*}. */
    private Optional<Schema> content(JsonNode content) {
        for (String preferred : List.of("application/json", "*/*")) {
            if (content.has(preferred)) {
                return Optional.of(new Schema(content.get(preferred).path("schema")));
            }
        }
        for (Map.Entry<String, JsonNode> type : content.properties()) {
            if (type.getKey().endsWith("json")) {
                return Optional.of(new Schema(type.getValue().path("schema")));
            }
        }
        return Optional.empty();
    }

    /** Whether the security requirement asks for an HTTP bearer token (scheme {@code bearer}). */
    private boolean bearerSchemes(JsonNode requirements) {
        for (JsonNode requirement : requirements) {
            for (String scheme : requirement.propertyNames()) {
                JsonNode definition = document.path("components").path("securitySchemes").path(scheme);
                if ("http".equals(definition.path("type").asString()) && "bearer".equalsIgnoreCase(definition.path("scheme").asString())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Follows a local {@code $ref} ({@code #/components/...}); anything else is returned as it is. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#/") || hops > 16) {
                throw new IllegalArgumentException("Cannot follow $ref " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("$ref " + ref + " points at nothing");
            }
        }
        return current;
    }

    /**
     * One operation.
     *
     * @param method upper case, as {@code HttpMethod#name()}
     * @param bearer whether a bearer token is required (the {@code Authorization} header)
     */
    public record Operation(String method, String path, List<Parameter> parameters, Optional<Schema> requestBody,
            boolean requestBodyRequired, Optional<Schema> successBody, boolean bearer) {

        /** The parameters {@code in} one place ({@code header}, {@code path}, {@code query}). */
        public List<Parameter> parameters(String in) {
            return parameters.stream().filter(parameter -> parameter.in().equals(in)).toList();
        }

        /** Whether the header is a required parameter; header names compare case-insensitively. */
        public boolean requiresHeader(String name) {
            return parameters("header").stream().anyMatch(header -> header.required() && header.name().equalsIgnoreCase(name));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public record Parameter(String name, String in, boolean required) {
    }

    /** A schema, its {@code $ref} followed. */
    public final class Schema {

        private final JsonNode node;

        Schema(JsonNode node) {
            this.node = resolve(node);
        }

        /** {@code object}, {@code array}, {@code string}, {@code integer}, ...; {@code object} when only properties say so. */
        public String type() {
            String type = node.path("type").asString("");
            return type.isEmpty() && node.has("properties") ? "object" : type;
        }

        public String format() {
            return node.path("format").asString("");
        }

        /** The properties in the document's order. */
        public Map<String, Schema> properties() {
            Map<String, Schema> properties = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
                properties.put(property.getKey(), new Schema(property.getValue()));
            }
            return properties;
        }

        public Set<String> required() {
            Set<String> required = new LinkedHashSet<>();
            node.path("required").forEach(name -> required.add(name.asString()));
            return required;
        }

        /** The schema of an array's items. */
        public Optional<Schema> items() {
            return node.has("items") ? Optional.of(new Schema(node.get("items"))) : Optional.empty();
        }
    }
}
