package dev.exactlyonce.client.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionProblemsTests {

    @Test
    void namesConnectionProblemsAsAPersonWould() {
        assertThat(ConnectionProblems.describe("I/O error on POST request: HTTP/1.1 header parser received no bytes"))
                .isEqualTo("the connection was cut before the reply");
        assertThat(ConnectionProblems.describe("Read timed out (SocketTimeoutException)"))
                .isEqualTo("the reply did not come in time");
        assertThat(ConnectionProblems.describe("Connection refused")).isEqualTo("could not connect");
        assertThat(ConnectionProblems.describe(null)).isEqualTo("the reply was lost");
    }
}
