package dev.exactlyonce.idempotency.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.exactlyonce.idempotency.IdempotencyPolicy;
import dev.exactlyonce.idempotency.IdempotencyProcessor;
import dev.exactlyonce.idempotency.InMemoryIdempotencyStore;
import dev.exactlyonce.idempotency.LeaseHeartbeat;
import dev.exactlyonce.idempotency.IdempotencyObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter's decisions with servlet mocks and the in-memory store: no server, no Redis. */
class IdempotencyFilterTests {

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final LeaseHeartbeat heartbeat = new LeaseHeartbeat(1, Duration.ofMillis(5));
    private final AtomicInteger runs = new AtomicInteger();
    private final IdempotencyFilter filter = new IdempotencyFilter(
            new IdempotencyProcessor(store, IdempotencyPolicy.of(Duration.ofSeconds(10), Duration.ofHours(1)), heartbeat,
                    IdempotencyObserver.NONE),
            IdempotentEndpoints.of(List.of(EndpointRule.of(List.of("POST"), "/things/**"))),
            request -> "alice", IdempotencyObserver.NONE, JsonMapper.builder().build(),
            new IdempotencyFilter.Settings(1024, 1024, new ReplayableHeaders(List.of()), false, Duration.ofSeconds(2)));

    @AfterEach
    void stopHeartbeat() {
        heartbeat.close();
    }

    private MockHttpServletResponse call(String key, HttpServlet handler) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/things/1");
        request.setContent("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        if (key != null) {
            request.addHeader("Idempotency-Key", key);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(handler));
        return response;
    }

    private HttpServlet writer(int status) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                runs.incrementAndGet();
                response.setStatus(status);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().print("caf\u00e9 " + new String(request.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        };
    }

    @Test
    void replaysWriterOutputByteForByte() throws Exception {
        MockHttpServletResponse first = call("k1", writer(200));
        MockHttpServletResponse retry = call("k1", writer(200));

        assertThat(first.getContentAsByteArray()).isEqualTo("caf\u00e9 {\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(retry.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
        assertThat(retry.getContentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(runs).hasValue(1);
    }

    @Test
    void releasesKeyWhenHandlerUsesSendError() throws Exception {
        HttpServlet notFound = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                runs.incrementAndGet();
                response.sendError(404);
            }
        };

        assertThat(call("k2", notFound).getStatus()).isEqualTo(404);
        assertThat(call("k2", notFound).getStatus()).isEqualTo(404);

        assertThat(runs).hasValue(2);
    }

    @Test
    void answersUnavailableAndNeverRunsTheHandlerWhenStoreIsDown() throws Exception {
        store.down(true);

        MockHttpServletResponse response = call("k3", writer(200));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(runs).hasValue(0);
    }

    @Test
    void runsAgainAfterStoreLostItsRecords() throws Exception {
        call("k4", writer(201));
        store.flush();

        MockHttpServletResponse again = call("k4", writer(201));

        assertThat(again.getHeader("Idempotent-Replayed")).isNull();
        assertThat(runs).hasValue(2);
    }
}
