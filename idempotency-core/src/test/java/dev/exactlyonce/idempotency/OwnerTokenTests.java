package dev.exactlyonce.idempotency;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerTokenTests {

    @Test
    void tokensMadeConcurrentlyAreAllDifferent() throws Exception {
        int threads = 8;
        int each = 20_000;
        Set<OwnerToken> tokens = ConcurrentHashMap.newKeySet();

        IdempotencyFixture.concurrently(threads, thread -> {
            for (int i = 0; i < each; i++) {
                tokens.add(OwnerToken.next());
            }
        });

        assertThat(tokens).hasSize(threads * each);
    }

    @Test
    void aTokenIsTheProcessNameFollowedByItsCount() {
        byte[] first = OwnerToken.next().bytes();
        byte[] second = OwnerToken.next().bytes();

        assertThat(first).hasSize(OwnerToken.LENGTH);
        assertThat(Arrays.copyOf(second, 8)).as("the process's name").isEqualTo(Arrays.copyOf(first, 8));
        assertThat(Arrays.copyOfRange(second, 8, 16)).as("the count").isNotEqualTo(Arrays.copyOfRange(first, 8, 16));
    }

    @Test
    void aTokenReadBackEqualsTheOneWritten() {
        OwnerToken token = OwnerToken.next();

        assertThat(OwnerToken.fromBytes(token.bytes())).isEqualTo(token);
    }
}
