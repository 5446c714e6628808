package dev.exactlyonce.idempotency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyFieldTests {

    @Test
    void readsTheAcknowledgementOfASequencedKey() {
        KeyField field = KeyField.parse("client7Ab.42;ack=40");

        assertThat(field.key()).isEqualTo(new IdempotencyKey("client7Ab.42"));
        assertThat(field.acknowledged()).isEqualTo(40);
        assertThat(field.sequenced()).contains(new SequencedKey("client7Ab", 42));
    }

    @Test
    void aSequencedKeyWithoutAcknowledgementAcknowledgesNothing() {
        KeyField field = KeyField.parse("client7Ab.42");

        assertThat(field.acknowledged()).isZero();
        assertThat(field.sequenced()).contains(new SequencedKey("client7Ab", 42));
    }

    @ParameterizedTest
    @ValueSource(strings = { "8e03978e-40d5-43e8-bc93-6894a57f9324", "order-7;ack=3", "short.5;ack=3",
            "client7Ab.042;ack=3", "client7Ab.42;ack=03", "client7Ab.42;ack=-1", "client7Ab.1234567890123456;ack=1",
            "7client7Ab.5;ack=1" })
    void anythingElseIsAnOpaqueKeyAsItAlwaysWas(String value) {
        KeyField field = KeyField.parse(value);

        assertThat(field.key()).isEqualTo(new IdempotencyKey(value));
        assertThat(field.acknowledged()).isZero();
        assertThat(field.sequenced()).isEmpty();
    }

    @Test
    void aMalformedFieldIsStillRefused() {
        assertThatThrownBy(() -> KeyField.parse("client7Ab.42;ack=4 0")).isInstanceOf(InvalidIdempotencyKeyException.class);
        assertThatThrownBy(() -> KeyField.parse("")).isInstanceOf(InvalidIdempotencyKeyException.class);
        assertThatThrownBy(() -> KeyField.parse(null)).isInstanceOf(InvalidIdempotencyKeyException.class);
    }

    @Test
    void whatAClientMintsIsWhatTheServerReads() {
        SequencedKey key = new SequencedKey("client7Ab", 999_999_999_999_999L);

        KeyField field = KeyField.parse(key.field(17));

        assertThat(key.field(17)).isEqualTo("client7Ab.999999999999999;ack=17");
        assertThat(field.sequenced()).contains(key);
        assertThat(field.acknowledged()).isEqualTo(17);
    }

    @Test
    void refusesSessionsAndSequencesOutsideTheRules() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SequencedKey("short", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new SequencedKey("client7Ab", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new SequencedKey("client7Ab", SequencedKey.MAX_SEQUENCE + 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new SequencedKey("client7Ab", 1).field(-1));
    }
}
