package dev.exactlyonce.json.servlet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.json.servlet.ServletDoubles.BodyStream;

import static dev.exactlyonce.json.servlet.ServletDoubles.answering;
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
        assertRefusesElevenChunkedBytes(BodyLimitFilter.counting(10, this::refuse));
    }

    @Test
    void countingPassesAChunkedBodyOfTheLimit() throws Exception {
        BodyLimitFilter.counting(10, this::refuse).doFilter(request(new byte[10], -1), response, readingChain());

        assertThat(refusals).isEmpty();
        assertThat(bodiesRead).singleElement().satisfies(body -> assertThat(body).hasSize(10));
    }

    @Test
    void holdingRefusesAChunkedBodyOverTheLimitBeforePassingIt() throws Exception {
        assertRefusesElevenChunkedBytes(BodyLimitFilter.holding(10, this::refuse));
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

    /** A chunked body one byte over the filter's limit of 10 is refused, and the chain never gets it. */
    private void assertRefusesElevenChunkedBytes(BodyLimitFilter filter) throws Exception {
        filter.doFilter(request(new byte[11], -1), response, readingChain());

        assertThat(refusals).containsExactly("The request body is over 10 bytes");
        assertThat(bodiesRead).isEmpty();
    }

    private void refuse(HttpServletResponse refused, String detail) {
        refusals.add(detail);
    }

    private FilterChain readingChain() {
        return (ServletRequest request, jakarta.servlet.ServletResponse ignored) -> bodiesRead.add(
                request.getInputStream().readAllBytes());
    }

    private static HttpServletRequest request(byte[] body, long declared) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("getContentLengthLong", declared);
        answers.put("getHeader", declared < 0 ? "chunked" : null);
        answers.put("getInputStream", new BodyStream(body));
        return answering(HttpServletRequest.class, answers);
    }

    private static HttpServletResponse response() {
        Map<String, Object> answers = new HashMap<>();
        answers.put("isCommitted", false);
        answers.put("resetBuffer", null);
        return answering(HttpServletResponse.class, answers);
    }
}
