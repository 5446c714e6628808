package dev.exactlyonce.json.servlet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyLimitFilterTests {

    final List<String> refusals = new ArrayList<>();

    final List<byte[]> bodiesRead = new ArrayList<>();

    final HttpServletResponse response = response();

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingOrPassingIt() throws Exception {
        BodyLimitFilter.counting(10, this::refuse).doFilter(request(new byte[11], 11), response, readingChain());

        assertThat(refusals).containsExactly("The request body is 11 bytes; at most 10 are accepted");
        assertThat(bodiesRead).isEmpty();
    }

    @Test
    void countingRefusesAChunkedBodyWhenItsReaderPassesTheLimit() throws Exception {
        BodyLimitFilter.counting(10, this::refuse).doFilter(request(new byte[11], -1), response, readingChain());

        assertThat(refusals).containsExactly("The request body is over 10 bytes");
        assertThat(bodiesRead).isEmpty();
    }

    @Test
    void countingPassesAChunkedBodyOfTheLimit() throws Exception {
        BodyLimitFilter.counting(10, this::refuse).doFilter(request(new byte[10], -1), response, readingChain());

        assertThat(refusals).isEmpty();
        assertThat(bodiesRead).singleElement().satisfies(body -> assertThat(body).hasSize(10));
    }

    @Test
    void holdingRefusesAChunkedBodyOverTheLimitBeforePassingIt() throws Exception {
        BodyLimitFilter.holding(10, this::refuse).doFilter(request(new byte[11], -1), response, readingChain());

        assertThat(refusals).containsExactly("The request body is over 10 bytes");
        assertThat(bodiesRead).isEmpty();
    }

    @Test
    void holdingHandsOnABodyThatCanBeReadAgain() throws Exception {
        FilterChain twice = (request, ignored) -> {
            bodiesRead.add(request.getInputStream().readAllBytes());
            bodiesRead.add(request.getInputStream().readAllBytes());
        };

        BodyLimitFilter.holding(10, this::refuse).doFilter(request(new byte[] { 1, 2, 3 }, 3), response, twice);

        assertThat(bodiesRead).hasSize(2).allSatisfy(body -> assertThat(body).containsExactly(1, 2, 3));
    }

    private void refuse(HttpServletResponse refused, String detail) {
        refusals.add(detail);
    }

    private FilterChain readingChain() {
        return (ServletRequest request, jakarta.servlet.ServletResponse ignored) -> bodiesRead.add(
                request.getInputStream().readAllBytes());
    }

    private static HttpServletRequest request(byte[] body, long declared) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(body);
        Map<String, Object> answers = new HashMap<>();
        answers.put("getContentLengthLong", declared);
        answers.put("getHeader", declared < 0 ? "chunked" : null);
        answers.put("getInputStream", new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        });
        return proxy(HttpServletRequest.class, answers);
    }

    private static HttpServletResponse response() {
        Map<String, Object> answers = new HashMap<>();
        answers.put("isCommitted", false);
        answers.put("resetBuffer", null);
        return proxy(HttpServletResponse.class, answers);
    }

    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(BodyLimitFilterTests.class.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                }));
    }
}
