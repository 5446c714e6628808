package dev.exactlyonce.chaos.state;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.chaos.state.RedisKeys.Kind;
import dev.exactlyonce.chaos.state.RedisKeys.Parsed;

import static org.assertj.core.api.Assertions.assertThat;

class RedisKeysTests {

    @Test
    void readsARecordOfASequencedKeyWithItsPrincipalAndSession() {
        Parsed parsed = RedisKeys.parse("idem:{5:alice:aliceSession}.17");

        assertThat(parsed).isEqualTo(new Parsed(Kind.RECORD, "alice", "aliceSession.17"));
        assertThat(parsed.session()).contains("aliceSession");
    }

    @Test
    void readsARecordOfAnOpaqueKeyAsARecordOfNoSession() {
        Parsed parsed = RedisKeys.parse("idem:{3:bob:chaos-42-g17}");

        assertThat(parsed.kind()).isEqualTo(Kind.RECORD);
        assertThat(parsed.session()).isEmpty();
    }

    @Test
    void splitsPrincipalAndKeyByTheLengthWhateverColonsTheyHold() {
        Parsed parsed = RedisKeys.parse("idem:{6:ali:ce:aliceSession}.3");

        assertThat(parsed).isEqualTo(new Parsed(Kind.RECORD, "ali:ce", "aliceSession.3"));
    }

    @Test
    void readsAnOpaqueKeyThatHoldsABrace() {
        assertThat(RedisKeys.parse("idem:{5:alice:a}b}")).isEqualTo(new Parsed(Kind.RECORD, "alice", "a}b"));
    }

    @Test
    void readsAWatermarkApartFromTheRecords() {
        Parsed parsed = RedisKeys.parse("idem:ack:{5:alice:aliceSession}");

        assertThat(parsed).isEqualTo(new Parsed(Kind.WATERMARK, "alice", "aliceSession"));
        assertThat(parsed.session()).contains("aliceSession");
    }

    @Test
    void countsEveryOtherKeyAsOther() {
        for (String key : new String[] { "rate-limit:alice:1764763200", "idem:", "idem:{x:alice:k}", "idem:{9:alice:k}",
                "idem:{5:alicekey}", "idem:ack:", "idem:ack:{5:alice}", "idem:5:alice:k", "idem:{5:alice:k", "idem:{}" }) {
            assertThat(RedisKeys.parse(key)).as(key).isEqualTo(new Parsed(Kind.OTHER, null, null));
            assertThat(RedisKeys.parse(key).session()).as(key).isEqualTo(Optional.empty());
        }
    }
}
