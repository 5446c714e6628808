package dev.exactlyonce.idempotency.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.exactlyonce.idempotency.Decision;
import dev.exactlyonce.idempotency.Execution;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.idempotency.KeyField;
import dev.exactlyonce.idempotency.IdempotencyObserver;
import dev.exactlyonce.idempotency.IdempotencyProcessor;
import dev.exactlyonce.idempotency.IdempotencyStoreException;
import dev.exactlyonce.idempotency.InvalidIdempotencyKeyException;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.RequestFingerprint;
import dev.exactlyonce.idempotency.RequestOutcome;
import dev.exactlyonce.idempotency.StoredResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the Idempotency-Key protocol to the endpoints {@link IdempotentEndpoints} names: a request
 * runs at most once per (principal, key), a retry gets the first response back byte for byte, and
 * when the store cannot be reached nothing runs.
 *
 * <p><b>Order.</b> The filter must run after authentication, because keys are scoped to the
 * principal, and before Spring MVC, because it decides whether the handler runs at all. Its default
 * order, {@link #DEFAULT_ORDER}, is just after Spring Security's filter chain
 * ({@code SecurityFilterProperties.DEFAULT_FILTER_ORDER}, -100) and well before the
 * {@code DispatcherServlet}.
 *
 * <p><b>Anonymous requests.</b> Without a principal there is no scope that only one client can reach:
 * anyone who guesses a key could read another caller's response. Such requests are refused with 401
 * unless the application allows them explicitly, in which case they share one anonymous scope.
 *
 * <p><b>What is stored.</b> As Stripe does: an answer is stored only once the handler started executing
 * the operation. Status, {@link ReplayableHeaders replayable headers} and body are stored for 2xx and
 * for business outcomes (a 422 for insufficient funds, a 409 of the handler's own). A refusal before the
 * operation started, one of the {@linkplain Settings#unstoredStatuses() unstored statuses} (by default
 * {@link #DEFAULT_UNSTORED_STATUSES}), is not stored: the record is released, so a corrected request may
 * reuse the key. Nor is anything stored when the handler answered 5xx or threw, the body outgrew the
 * storage cap, or the handler used {@code sendError} (the container renders that body after this filter
 * returns): the record is released, and a retry runs again, where the application's own fence must
 * catch it.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {

    /** Runs right after Spring Security's filter chain (order -100). */
    public static final int DEFAULT_ORDER = -100 + 10;

    /**
     * Request attribute that holds the validated Idempotency-Key (a {@code String}) while the handler
     * runs, so that the application's own fence uses the same key.
     */
    public static final String KEY_ATTRIBUTE = IdempotencyFilter.class.getName() + ".key";

    /**
     * Request attribute that holds the principal name (a {@code String}; empty for the anonymous scope)
     * the key is scoped to.
     */
    public static final String SCOPE_ATTRIBUTE = IdempotencyFilter.class.getName() + ".scope";

    /**
     * Request attribute that holds the acknowledgement the key field carried (a {@code Long}; 0 when none, see
     * {@link KeyField}), so that an application's own fence can keep the session's watermark durably too.
     */
    public static final String ACKNOWLEDGED_ATTRIBUTE = IdempotencyFilter.class.getName() + ".acknowledged";

    /**
     * The statuses that mean "refused before the operation started", so not stored: malformed (400),
     * unauthenticated (401), forbidden (403), unknown target (404), wrong method (405), request not
     * completely received (408), target gone (410), length required (411), too large (413), URI or
     * header fields too long (414, 431), unsupported media type (415) and rate limited (429). Each asks
     * for a corrected or later request, which must be able to reuse its key. 406 is deliberately absent:
     * Spring MVC can answer it while writing the return value, after the handler ran, and an answer that
     * may follow the operation is stored.
     */
    public static final Set<Integer> DEFAULT_UNSTORED_STATUSES = Set.of(400, 401, 403, 404, 405, 408, 410, 411,
            413, 414, 415, 429, 431);

    private static final String RUNNING_ATTRIBUTE = IdempotencyFilter.class.getName() + ".running";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyProcessor processor;
    private final IdempotentEndpoints endpoints;
    private final PrincipalResolver principals;
    private final IdempotencyObserver observer;
    private final ProblemResponses problems;
    private final Settings settings;

    public IdempotencyFilter(IdempotencyProcessor processor, IdempotentEndpoints endpoints, PrincipalResolver principals,
            IdempotencyObserver observer, JsonMapper json, Settings settings) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.principals = Objects.requireNonNull(principals, "principals");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.problems = new ProblemResponses(Objects.requireNonNull(json, "json"));
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        // The async dispatch of a running execution finishes it: see doFilterInternal.
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            Running running = (Running) request.getAttribute(RUNNING_ATTRIBUTE);
            chain.doFilter(request, response);
            if (running != null && !request.isAsyncStarted()) {
                request.removeAttribute(RUNNING_ATTRIBUTE);
                finish(running);
            }
            return;
        }
        if (!endpoints.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        KeyField field = keyField(request, response);
        if (field == null) {
            return;
        }
        String principal = principals.principal(request);
        if (principal == null && !settings.allowAnonymous()) {
            reject(response, ProblemResponses.Kind.PRINCIPAL_MISSING,
                    "Requests with an Idempotency-Key must be authenticated: keys are scoped to the client");
            return;
        }
        byte[] body = body(request, response);
        if (body == null) {
            return;
        }
        RecordId id = new RecordId(principal == null ? RecordId.ANONYMOUS_SCOPE : principal, field.key());
        RequestFingerprint fingerprint = RequestFingerprint.of(request.getMethod(), target(request), body);
        Decision decision;
        try {
            decision = processor.begin(id, fingerprint, field.acknowledged());
        } catch (IdempotencyStoreException ex) {
            // One line per refused request; the stack trace only on demand, or an outage floods the log.
            log.warn("Refusing {} {}: the idempotency store is unavailable ({})", request.getMethod(),
                    request.getRequestURI(), ex.getMessage());
            log.debug("Idempotency store failure", ex);
            problems.write(response, ProblemResponses.Kind.STORE_UNAVAILABLE,
                    "The request was not processed; retry it later with the same Idempotency-Key",
                    settings.storeRetryAfter());
            return;
        }
        if (decision instanceof Decision.Execute execute) {
            request.setAttribute(ACKNOWLEDGED_ATTRIBUTE, field.acknowledged());
            execute(request, response, chain, id, body, execute.execution());
        } else if (decision instanceof Decision.Replay replay) {
            replay(response, replay.response());
        } else if (decision instanceof Decision.BelowWatermark below) {
            problems.write(response, ProblemResponses.Kind.KEY_ACKNOWLEDGED, "The client acknowledged every reply of "
                    + "this session below sequence " + below.watermark() + ", and the reply for this key was discarded; "
                    + "a new operation needs a new key", null);
        } else if (decision instanceof Decision.Conflict conflict) {
            problems.write(response, ProblemResponses.Kind.KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed; retry it later", conflict.retryAfter());
        } else {
            problems.write(response, ProblemResponses.Kind.KEY_REUSED,
                    "This Idempotency-Key was already used for a different request; a new request needs a new key", null);
        }
    }

    private KeyField keyField(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Enumeration<String> values = request.getHeaders(IdempotencyHeaders.KEY);
        if (values == null || !values.hasMoreElements()) {
            reject(response, ProblemResponses.Kind.KEY_MISSING,
                    "This request needs an Idempotency-Key header, the same on every retry of one operation");
            return null;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            reject(response, ProblemResponses.Kind.KEY_INVALID, "The request carries more than one Idempotency-Key header");
            return null;
        }
        try {
            return KeyField.parse(value);
        } catch (InvalidIdempotencyKeyException ex) {
            reject(response, ProblemResponses.Kind.KEY_INVALID, ex.getMessage());
            return null;
        }
    }

    /** The body, or {@code null} when it is over the limit (and 413 has been sent). */
    private byte[] body(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long limit = settings.maxRequestBody();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            reject(response, ProblemResponses.Kind.TOO_LARGE,
                    "The request body is " + declared + " bytes; at most " + limit + " are accepted");
            return null;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = declared >= 0 ? declaredBody(in, (int) declared, limit) : in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            reject(response, ProblemResponses.Kind.TOO_LARGE, "The request body is over " + limit + " bytes");
            return null;
        }
        return body;
    }

    /**
     * A body of declared length read into an array of that length. {@code readNBytes(limit + 1)} would allocate
     * and clear 8 KB of chunks for a body of 30 bytes and then copy it: most of what the filter allocated per
     * request (the benchmark's profile, issue 17). Bytes beyond the declared length, which a container should
     * never deliver, are read on up to the limit, so the 413 check still sees them.
     */
    private static byte[] declaredBody(InputStream in, int declared, long limit) throws IOException {
        byte[] body = new byte[declared];
        int read = in.readNBytes(body, 0, declared);
        if (read < declared) {
            return Arrays.copyOf(body, read);
        }
        int next = in.read();
        if (next < 0) {
            return body;
        }
        byte[] rest = in.readNBytes((int) (limit - declared));
        byte[] all = Arrays.copyOf(body, declared + 1 + rest.length);
        all[declared] = (byte) next;
        System.arraycopy(rest, 0, all, declared + 1, rest.length);
        return all;
    }

    private void execute(HttpServletRequest request, HttpServletResponse response, FilterChain chain, RecordId id,
            byte[] body, Execution execution) throws IOException, ServletException {
        request.setAttribute(KEY_ATTRIBUTE, id.key().value());
        request.setAttribute(SCOPE_ATTRIBUTE, id.scope());
        BufferedBodyRequest bufferedRequest = new BufferedBodyRequest(request, body);
        CapturingResponse capture = new CapturingResponse(response, settings.maxStoredResponse());
        Running running = new Running(execution, capture);
        try {
            chain.doFilter(bufferedRequest, capture);
        } catch (IOException | ServletException | RuntimeException | Error ex) {
            log.debug("Handler for {} threw; releasing the key", id);
            release(execution);
            throw ex;
        }
        if (request.isAsyncStarted()) {
            request.setAttribute(RUNNING_ATTRIBUTE, running);
            request.getAsyncContext().addListener(new ReleaseWhenUnfinished(execution));
            return;
        }
        finish(running);
    }

    private void finish(Running running) throws IOException {
        Execution execution = running.execution();
        CapturingResponse capture = running.capture();
        int status = capture.getStatus();
        if (status >= 500) {
            log.debug("Handler for {} answered {}; releasing the key", execution.id(), status);
            release(execution);
        } else if (settings.unstoredStatuses().contains(status)) {
            log.debug("Handler for {} refused the request with {} before the operation started; releasing the key",
                    execution.id(), status);
            releaseRefusal(execution);
        } else if (capture.errorSent()) {
            log.debug("Handler for {} sent error {} through the container; releasing the key", execution.id(), status);
            release(execution);
        } else if (capture.overflowed()) {
            log.info("Response for {} is over the {} byte storage cap; not stored, key released", execution.id(),
                    settings.maxStoredResponse());
            release(execution);
        } else {
            // The client gets its answer whether or not the store takes it: when the write fails, the PENDING
            // record's lease lapses and a retry takes it over, where the application's own fence must recognise it.
            execution.completeAsync(capture.snapshot(settings.replayableHeaders()));
        }
        capture.sendBody();
    }

    private void replay(HttpServletResponse response, StoredResponse stored) throws IOException {
        response.setStatus(stored.status());
        Set<String> replaced = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (StoredResponse.Header header : stored.headers()) {
            if ("Content-Type".equalsIgnoreCase(header.name())) {
                response.setContentType(header.value());
            } else if (replaced.add(header.name())) {
                // The first value replaces what outer filters may have set; later values add to it.
                response.setHeader(header.name(), header.value());
            } else {
                response.addHeader(header.name(), header.value());
            }
        }
        response.setHeader(IdempotencyHeaders.REPLAYED, "true");
        byte[] body = stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void release(Execution execution) {
        try {
            execution.release();
        } catch (IdempotencyStoreException ex) {
            log.warn("Could not release {}; its lease expires on its own", execution.id(), ex);
        }
    }

    private void releaseRefusal(Execution execution) {
        try {
            execution.releaseRefusal();
        } catch (IdempotencyStoreException ex) {
            log.warn("Could not release {}; its lease expires on its own", execution.id(), ex);
        }
    }

    private void reject(HttpServletResponse response, ProblemResponses.Kind kind, String detail) throws IOException {
        observer.requestAnswered(null, RequestOutcome.REJECTED);
        problems.write(response, kind, detail, null);
    }

    private static String target(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + '?' + query;
    }

    /**
     * How the filter behaves.
     *
     * @param maxRequestBody largest accepted request body in bytes; larger ones are answered 413
     * @param maxStoredResponse largest response body in bytes that is stored for replay
     * @param replayableHeaders which response headers are stored and replayed
     * @param allowAnonymous whether requests without a principal share one anonymous scope instead of
     *        being refused
     * @param storeRetryAfter the {@code Retry-After} sent with 503 when the store is unavailable
     * @param unstoredStatuses 4xx statuses of the handler that are refusals before the operation
     *        started: not stored, the key released (5xx are never stored whatever this holds)
     */
    public record Settings(long maxRequestBody, int maxStoredResponse, ReplayableHeaders replayableHeaders,
            boolean allowAnonymous, Duration storeRetryAfter, Set<Integer> unstoredStatuses) {

        public Settings {
            if (maxRequestBody < 0 || maxRequestBody >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxRequestBody must be between 0 and 2 GiB; got " + maxRequestBody);
            }
            if (maxStoredResponse < 0) {
                throw new IllegalArgumentException("maxStoredResponse must not be negative; got " + maxStoredResponse);
            }
            Objects.requireNonNull(replayableHeaders, "replayableHeaders");
            Objects.requireNonNull(storeRetryAfter, "storeRetryAfter");
            Objects.requireNonNull(unstoredStatuses, "unstoredStatuses");
            for (Integer status : unstoredStatuses) {
                if (status == null || status < 400 || status > 499) {
                    throw new IllegalArgumentException("unstoredStatuses may only hold 4xx statuses (2xx are always "
                            + "stored, 5xx never); got " + status);
                }
            }
            unstoredStatuses = Set.copyOf(unstoredStatuses);
        }

        /** Settings with the {@linkplain #DEFAULT_UNSTORED_STATUSES default unstored statuses}. */
        public Settings(long maxRequestBody, int maxStoredResponse, ReplayableHeaders replayableHeaders,
                boolean allowAnonymous, Duration storeRetryAfter) {
            this(maxRequestBody, maxStoredResponse, replayableHeaders, allowAnonymous, storeRetryAfter,
                    DEFAULT_UNSTORED_STATUSES);
        }
    }

    private record Running(Execution execution, CapturingResponse capture) {
    }

    /** Releases an async execution that ended without the final dispatch (client gone, container error). */
    private static final class ReleaseWhenUnfinished implements AsyncListener {

        private final Execution execution;

        ReleaseWhenUnfinished(Execution execution) {
            this.execution = execution;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            execution.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
