package dev.exactlyonce.gateway.faults;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplyDropperTests {

    ReplyDropper dropper = new ReplyDropper();

    @Test
    void dropsNothingUntilArmed() {
        assertThat(dropper.takeOne()).isFalse();
        assertThat(dropper.pending()).isZero();
    }

    @Test
    void armingReplacesWhatIsPending() {
        dropper.arm(5);
        dropper.arm(2);

        assertThat(dropper.pending()).isEqualTo(2);
        dropper.arm(0);
        assertThat(dropper.takeOne()).isFalse();
    }

    @Test
    void givesEachPendingDropToExactlyOneCaller() throws Exception {
        dropper.arm(100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<Long> taker = () -> IntStream.range(0, 100).filter(i -> dropper.takeOne()).count();
            long taken = 0;
            for (Future<Long> result : pool.invokeAll(java.util.Collections.nCopies(8, taker))) {
                taken += result.get();
            }
            assertThat(taken).isEqualTo(100);
            assertThat(dropper.pending()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesACountOutsideItsRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> dropper.arm(-1)).withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> dropper.arm(1001)).withMessageContaining("1001");
    }
}
