package dev.exactlyonce.bank.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.web.Idempotent;
import dev.exactlyonce.idempotency.web.IdempotentEndpoints;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The API description at {@code /v3/api-docs}, which is also the contract kept in the repository
 * ({@code contracts/bank-service.openapi.json}, checked by {@code ApiDocumentIntegrationTests}) and read by
 * client-app's and the gateway's contract tests. So it states what a client must know: which calls need an
 * {@code Idempotency-Key} (derived from {@link Idempotent}, the one list of keyed endpoints, never written
 * by hand) and which problems each call can answer. Served without a token like the health probes: it tells
 * nothing the gateway's routes do not.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Bank API", version = "v1",
                description = "Accounts and money movements. Every money-moving POST needs an Idempotency-Key that stays "
                        + "the same on every retry of one operation; amounts are integers in the currency's minor units."),
        // Relative, not the URL this instance happens to be reached at: clients call the same paths through the
        // gateway, and the document stays the same on every host and port (the checked-in copy depends on that).
        servers = @Server(url = "/", description = "bank-service, or the gateway in front of it (the same paths)"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
class OpenApiConfiguration {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final String PROBLEM = "Problem";

    /** The problems every API call can answer, by status; a keyed call adds {@link #KEYED_PROBLEMS}. */
    private static final Map<String, String> CALL_PROBLEMS = new TreeMap<>(Map.of(
            "401", "No valid bearer token (unauthorized)",
            "403", "This token may not do that: operators set overdraft limits and nothing else (forbidden)"));

    private static final Map<String, String> KEYED_PROBLEMS = new TreeMap<>(Map.of(
            "400", "Idempotency-Key missing or malformed (idempotency-key-missing, idempotency-key-invalid), or a "
                    + "request the API refuses before running it (invalid-request, unknown-currency, currency-mismatch)",
            "409", "A request with this Idempotency-Key is still running (idempotency-key-in-use); retry with the same key",
            "410", "The client acknowledged every reply of this key's session up to it (idempotency-key-acknowledged)",
            "422", "The Idempotency-Key was used for another request (idempotency-key-reused), or a stored refusal that "
                    + "the same key replays (insufficient-funds, balance-limit-exceeded)",
            "503", "Not completed, or its outcome is unknown: retry with the same key, which runs it at most once "
                    + "(idempotency-store-unavailable, service-unavailable)"));

    /**
     * The key header on every {@link Idempotent} handler, required, with the syntax of {@link IdempotencyKey},
     * the problems only a keyed call answers, and the replay marker on its success answer.
     */
    @Bean
    OperationCustomizer idempotencyKeyDocumentation() {
        return (operation, handler) -> {
            if (!IdempotentEndpoints.annotated(handler)) {
                return operation;
            }
            List<Parameter> parameters = new ArrayList<>(operation.getParameters() != null ? operation.getParameters() : List.of());
            parameters.removeIf(parameter -> "header".equals(parameter.getIn())
                    && IdempotencyHeaders.KEY.equalsIgnoreCase(parameter.getName()));
            parameters.add(0, new HeaderParameter().name(IdempotencyHeaders.KEY).required(true)
                    .description("Names one logical operation: the same value on every retry of it, a new one for the "
                            + "next. 1 to " + IdempotencyKey.MAX_LENGTH + " visible ASCII characters; a sequenced key "
                            + "(<session>.<sequence>) may be followed by the client's acknowledgement, ;ack=<n>.")
                    .schema(new StringSchema().minLength(1).pattern("^[\\x21-\\x7E]+$")));
            operation.setParameters(parameters);
            ApiResponses responses = operation.getResponses();
            // A keyed POST creates something (an account, an operation) and answers 201 with its Location; springdoc
            // cannot see that through ResponseEntity and would say 200.
            if (handler.hasMethodAnnotation(PostMapping.class) && responses.containsKey("200") && !responses.containsKey("201")) {
                responses.addApiResponse("201", responses.remove("200").description("Created")
                        .addHeaderObject(HttpHeaders.LOCATION, new Header().description("Where the created resource is read")
                                .schema(new StringSchema().format("uri-reference"))));
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(IdempotencyHeaders.REPLAYED, new Header()
                            .description("true when this is the stored answer to an earlier request with the same key")
                            .schema(new BooleanSchema()));
                }
            });
            KEYED_PROBLEMS.forEach((status, description) -> responses.addApiResponse(status, problem(description)));
            return operation;
        };
    }

    /** The problem schema and the answers every call under {@code /api} can give, beside what a handler declared. */
    @Bean
    OpenApiCustomizer problemDocumentation() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.readOperations().forEach(OpenApiConfiguration::addCallProblems);
                }
            });
        };
    }

    private static void addCallProblems(Operation operation) {
        ApiResponses responses = operation.getResponses();
        CALL_PROBLEMS.forEach((status, description) -> responses.putIfAbsent(status, problem(description)));
        List<Parameter> parameters = operation.getParameters() != null ? operation.getParameters() : List.of();
        if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
            responses.putIfAbsent("404", problem("No such account or operation of this client; another client's answers "
                    + "exactly like a missing one (account-not-found, operation-not-found)"));
        }
        if (operation.getRequestBody() != null || parameters.stream().anyMatch(parameter -> "query".equals(parameter.getIn()))) {
            responses.putIfAbsent("400", problem("A request the API refuses before running it: malformed JSON, unknown "
                    + "fields, amounts that are not integers in range (invalid-request, unknown-currency)"));
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    /** RFC 9457's members as this API fills them: {@code type} is the stable identifier to decide on. */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri")
                        .description("Stable identifier of the kind of problem, https://exactly-once.dev/problems/<kind>"))
                .addProperty("title", new StringSchema().description("Fixed per type"))
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What went wrong with this request"))
                .addProperty("instance", new StringSchema().format("uri"))
                .required(List.of("type", "title", "status"));
    }
}
