package dev.exactlyonce.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class UpstreamFailuresTests {

    UpstreamFailures failures = new UpstreamFailures();

    ServerRequest request = ServerRequest.create(new MockHttpServletRequest("POST", "/api/v1/transfers"), List.of());

    @Test
    void answers502WhenTheUpstreamCannotBeReached() throws Exception {
        ServerResponse response = failures.filter(request, r -> {
            throw new ResourceAccessException("I/O error", new ConnectException("Connection refused"));
        });

        assertThat(response.statusCode().value()).isEqualTo(502);
        assertThat(response.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answers504WhenTheUpstreamDoesNotAnswerInTime() throws Exception {
        ServerResponse response = failures.filter(request, r -> {
            throw new ResourceAccessException("I/O error", new HttpTimeoutException("request timed out"));
        });

        assertThat(response.statusCode().value()).isEqualTo(504);
    }

    @Test
    void answers502WhenTheConnectionBreaksOff() throws Exception {
        ServerResponse response = failures.filter(request, r -> {
            throw new ResourceAccessException("I/O error", new IOException("connection reset"));
        });

        assertThat(response.statusCode().value()).isEqualTo(502);
    }

    @Test
    void answers502WhenTheConnectionBreaksOffBehindTheLoadBalancer() throws Exception {
        // The load-balancer filter wraps whatever the call threw in one more RuntimeException.
        ServerResponse response = failures.filter(request, r -> {
            throw new RuntimeException(new ResourceAccessException("I/O error", new IOException("connection reset")));
        });

        assertThat(response.statusCode().value()).isEqualTo(502);
        assertThat(response.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThatIllegalStateException().isThrownBy(() -> failures.filter(request, r -> {
            throw new IllegalStateException("a bug");
        }));
    }

    @Test
    void tellsAConnectFailureFromAFailureAfterTheRequestWasSent() {
        assertThat(UpstreamFailures.isConnectFailure(new ResourceAccessException("x", new ConnectException()))).isTrue();
        assertThat(UpstreamFailures.isConnectFailure(new ResourceAccessException("x", new HttpConnectTimeoutException("x"))))
                .isTrue();
        assertThat(UpstreamFailures.isConnectFailure(new ResourceAccessException("x", new HttpTimeoutException("x")))).isFalse();
        assertThat(UpstreamFailures.isConnectFailure(new ResourceAccessException("x", new IOException("reset")))).isFalse();
    }
}
