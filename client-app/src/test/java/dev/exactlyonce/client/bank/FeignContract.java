package dev.exactlyonce.client.bank;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.exactlyonce.bank.contract.BankApiContract;
import dev.exactlyonce.bank.contract.BankApiContract.Schema;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Checks OpenFeign interfaces against bank-service's OpenAPI document by reflection, and says every way they
 * disagree. What a Feign method sends is what its annotated parameters say: the bearer token and the
 * Idempotency-Key reach the request as {@code @RequestHeader} parameters (the caller passes the operation's
 * key, chosen before the first attempt; no interceptor adds either), the body as the {@code @RequestBody} record,
 * serialised by its component names.
 *
 * <p>Per method: the path and HTTP method exist; every header, query parameter and body the document requires
 * is sent, and nothing is sent that the document does not define there (a key sent where the bank does not
 * de-duplicate protects nothing; an unknown body field is refused with 400); the body's properties and the
 * reply's properties the client reads are in the document with a compatible JSON type.
 */
final class FeignContract {

    private static final String AUTHORIZATION = HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT);

    private FeignContract() {
    }

    /** Every disagreement, one line each; empty when the interfaces agree with the document. */
    static List<String> violations(BankApiContract contract, Class<?>... feignInterfaces) {
        List<String> found = new ArrayList<>();
        for (Class<?> feign : feignInterfaces) {
            FeignClient client = AnnotatedElementUtils.findMergedAnnotation(feign, FeignClient.class);
            if (client == null) {
                throw new IllegalArgumentException(feign.getName() + " is not a @FeignClient");
            }
            for (Method method : feign.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping != null) {
                    check(contract, client.path() + single(mapping.path()), single(mapping.method()).name(), method, found);
                }
            }
        }
        return found;
    }

    private static void check(BankApiContract contract, String path, String httpMethod, Method method, List<String> found) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + " (" + httpMethod + " " + path + ")";
        Optional<BankApiContract.Operation> documented = contract.find(httpMethod, path);
        if (documented.isEmpty()) {
            found.add(where + ": the document has no such operation");
            return;
        }
        BankApiContract.Operation operation = documented.get();
        Sent sent = Sent.by(method);

        if (operation.bearer() != sent.headers().contains(AUTHORIZATION)) {
            found.add(where + (operation.bearer() ? ": does not send the bearer token (Authorization) the document requires"
                    : ": sends Authorization, which the document does not ask for"));
        }
        for (String in : List.of("header", "query")) {
            Set<String> sentHere = in.equals("header") ? sent.headers() : sent.queryParameters();
            Set<String> defined = new HashSet<>();
            for (BankApiContract.Parameter parameter : operation.parameters(in)) {
                String name = in.equals("header") ? parameter.name().toLowerCase(Locale.ROOT) : parameter.name();
                defined.add(name);
                if (parameter.required() && !sentHere.contains(name)) {
                    found.add(where + ": does not send the " + in + " '" + parameter.name() + "' the document requires");
                }
            }
            sentHere.stream().filter(name -> !defined.contains(name) && !name.equals(AUTHORIZATION))
                    .forEach(name -> found.add(where + ": sends the " + in + " '" + name + "', which the document does not "
                            + "define for this operation"));
        }

        Optional<Schema> requestSchema = operation.requestBody();
        if (sent.body().isPresent() != requestSchema.isPresent()) {
            found.add(where + (sent.body().isPresent() ? ": sends a body, the document takes none" : ": sends no body, the document takes one"));
        } else if (sent.body().isPresent()) {
            checkRequest(where + " request body", sent.body().get(), requestSchema.get(), found);
        }

        Type reply = unwrapped(method.getGenericReturnType());
        if (reply != void.class && reply != Void.class) {
            operation.successBody().ifPresentOrElse(schema -> checkReply(where + " reply", reply, schema, found, new HashSet<>()),
                    () -> found.add(where + ": reads a reply body, the document's success answer has none"));
        }
    }

    /** A request record: every required property sent, nothing sent that the document does not define. */
    private static void checkRequest(String where, Class<?> body, Schema schema, List<String> found) {
        Map<String, Schema> properties = schema.properties();
        Set<String> components = new HashSet<>();
        for (RecordComponent component : components(where, body, found)) {
            String name = jsonName(component);
            components.add(name);
            Schema property = properties.get(name);
            if (property == null) {
                found.add(where + ": sends '" + name + "', which the document does not define (the bank refuses unknown fields)");
            } else {
                checkType(where + "." + name, component.getGenericType(), property, found);
            }
        }
        schema.required().stream().filter(name -> !components.contains(name))
                .forEach(name -> found.add(where + ": does not send the required property '" + name + "'"));
    }

    /** A reply record: every component the client reads is promised by the document, nested records included. */
    private static void checkReply(String where, Type type, Schema schema, List<String> found, Set<Type> seen) {
        if (!checkType(where, type, schema, found)) {
            return;
        }
        Class<?> raw = raw(type);
        if (Collection.class.isAssignableFrom(raw)) {
            schema.items().ifPresent(items -> checkReply(where + "[]", elementType(type), items, found, seen));
        } else if (raw.isRecord() && seen.add(type)) {
            Map<String, Schema> properties = schema.properties();
            for (RecordComponent component : components(where, raw, found)) {
                String name = jsonName(component);
                Schema property = properties.get(name);
                if (property == null) {
                    found.add(where + ": reads '" + name + "', which the document's schema does not have");
                } else {
                    checkReply(where + "." + name, component.getGenericType(), property, found, seen);
                }
            }
        }
    }

    /** Whether the JSON type (and, where Java parses it, the format) fits the Java type; reported when not. */
    private static boolean checkType(String where, Type type, Schema schema, List<String> found) {
        Class<?> raw = raw(type);
        String expected = jsonType(raw);
        if (expected == null || schema.type().isEmpty()) {
            return true;
        }
        if (!expected.equals(schema.type())) {
            found.add(where + ": Java " + raw.getSimpleName() + " is JSON " + expected + ", the document says " + schema.type());
            return false;
        }
        String format = raw == UUID.class ? "uuid" : raw == Instant.class || raw == OffsetDateTime.class ? "date-time" : null;
        if (format != null && !format.equals(schema.format())) {
            found.add(where + ": Java " + raw.getSimpleName() + " needs format " + format + ", the document says '" + schema.format() + "'");
        }
        if ((raw == int.class || raw == Integer.class) && "int64".equals(schema.format())) {
            found.add(where + ": Java int cannot hold the document's int64");
        }
        return true;
    }

    private static String jsonType(Class<?> raw) {
        if (raw == long.class || raw == int.class || raw == short.class || raw == Long.class || raw == Integer.class
                || raw == Short.class || raw == BigInteger.class) {
            return "integer";
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class || raw == BigDecimal.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == String.class || raw == UUID.class || raw == Instant.class || raw == OffsetDateTime.class || raw == URI.class
                || raw.isEnum()) {
            return "string";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "array";
        }
        return raw.isRecord() ? "object" : null;
    }

    private static RecordComponent[] components(String where, Class<?> type, List<String> found) {
        if (!type.isRecord()) {
            found.add(where + ": " + type.getSimpleName() + " is not a record, so this check cannot read its JSON properties");
            return new RecordComponent[0];
        }
        return type.getRecordComponents();
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty renamed = component.getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    /** {@code ResponseEntity<T>} is read as {@code T}. */
    private static Type unwrapped(Type type) {
        return raw(type) == ResponseEntity.class ? ((ParameterizedType) type).getActualTypeArguments()[0] : type;
    }

    private static Type elementType(Type collection) {
        return collection instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : Object.class;
    }

    private static <T> T single(T[] values) {
        if (values.length != 1) {
            throw new IllegalArgumentException("Expected one path and one method per Feign method, found " + values.length);
        }
        return values[0];
    }

    /** What one Feign method puts on the wire, from its parameters' annotations; header names in lower case. */
    private record Sent(Set<String> headers, Set<String> queryParameters, Optional<Class<?>> body) {

        static Sent by(Method method) {
            Set<String> headers = new HashSet<>();
            Set<String> query = new HashSet<>();
            Class<?> body = null;
            for (java.lang.reflect.Parameter parameter : method.getParameters()) {
                RequestHeader header = AnnotatedElementUtils.findMergedAnnotation(parameter, RequestHeader.class);
                RequestParam param = AnnotatedElementUtils.findMergedAnnotation(parameter, RequestParam.class);
                if (header != null) {
                    headers.add(nameOr(header.name(), parameter).toLowerCase(Locale.ROOT));
                } else if (param != null) {
                    query.add(nameOr(param.name(), parameter));
                } else if (parameter.isAnnotationPresent(RequestBody.class)) {
                    body = parameter.getType();
                } else if (!parameter.isAnnotationPresent(PathVariable.class)) {
                    throw new IllegalArgumentException(method + ": parameter " + parameter.getName() + " has no annotation this check knows");
                }
            }
            return new Sent(headers, query, Optional.ofNullable(body));
        }

        private static String nameOr(String name, java.lang.reflect.Parameter parameter) {
            return name.isEmpty() ? parameter.getName() : name;
        }
    }
}
