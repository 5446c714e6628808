package dev.exactlyonce.chaos.state;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.chaos.state.RedisKeys.Kind;
import dev.exactlyonce.chaos.state.ServerState.KeySpace;
import dev.exactlyonce.chaos.state.ServerState.Session;

import static org.assertj.core.api.Assertions.assertThat;

class StateTallyTests {

    @Test
    void countsRecordsWatermarksAndOtherKeysApartWithTheirBytes() {
        StateTally tally = new StateTally()
                .redisKey("idem:{5:alice:aliceSession}.7", 150)
                .redisKey("idem:{5:alice:chaos-1-g1}", 140)
                .redisKey("idem:ack:{5:alice:aliceSession}", 72)
                .redisKey("rate-limit:alice", 60);

        assertThat(tally.keySpace(Kind.RECORD)).isEqualTo(new KeySpace(2, 290));
        assertThat(tally.keySpace(Kind.WATERMARK)).isEqualTo(new KeySpace(1, 72));
        assertThat(tally.keySpace(Kind.OTHER)).isEqualTo(new KeySpace(1, 60));
    }

    @Test
    void addsUpEachSessionFromEveryServer() {
        StateTally tally = new StateTally()
                .redisKey("idem:{5:alice:aliceSession}.7", 150)
                .redisKey("idem:{5:alice:aliceSession}.8", 151)
                .redisKey("idem:{3:bob:bobSession1}.2", 149)
                .fenceRows("alice", "aliceSession", 2)
                .watermark("alice", "aliceSession", 7)
                .watermark("alice", "aliceSession", 5)
                .journalKey("alice", "aliceSession.8")
                .journalKey("alice", "aliceSession.3")
                .journalKey("alice", "key-of-the-caller");

        assertThat(tally.sessions()).containsExactlyInAnyOrder(
                new Session("alice", "aliceSession", 7, 8, 2, 301, 2, 2),
                new Session("bob", "bobSession1", 0, 0, 1, 149, 0, 0));
    }

    @Test
    void keepsOneClientsSessionApartFromAnothersOfTheSameName() {
        StateTally tally = new StateTally()
                .redisKey("idem:{5:alice:sharedName}.1", 100)
                .redisKey("idem:{3:bob:sharedName}.1", 100);

        assertThat(tally.sessions()).extracting(Session::client).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void ordersSessionsByClientAndSessionInTheState() {
        StateTally tally = new StateTally().watermark("bob", "bobSession1", 1).watermark("alice", "zedSession", 1)
                .watermark("alice", "aliceSession", 1);

        ServerState state = new ServerState(true, tally.keySpace(Kind.RECORD), tally.keySpace(Kind.WATERMARK),
                tally.keySpace(Kind.OTHER), 0, 0, 3, 0, 0, 0, 4, tally.sessions());

        assertThat(state.sessions()).extracting(Session::session).containsExactly("aliceSession", "zedSession",
                "bobSession1");
        assertThat(state.mostPerSession(Session::watermark)).isEqualTo(1);
    }
}
