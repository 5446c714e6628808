package dev.exactlyonce.chaos.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.chaos.check.CheckerSelfTest.Planting;
import dev.exactlyonce.chaos.report.RunReport.PlantedAnomaly;

import static dev.exactlyonce.chaos.check.LedgerFixture.cleanRun;
import static dev.exactlyonce.chaos.check.LedgerFixture.cleanRunWithoutClientAppRejection;
import static org.assertj.core.api.Assertions.assertThat;

class CheckerSelfTestTests {

    private final CheckInput clean = cleanRun();

    @Test
    void catchesEveryPlantedAnomalyInACleanRun() {
        List<PlantedAnomaly> planted = selfTest(clean);

        assertThat(planted).hasSize(15).allSatisfy(anomaly -> assertThat(anomaly.caught()).as(anomaly.planted()).isTrue());
        assertThat(planted).extracting(PlantedAnomaly::expectedKind).contains(AnomalyKind.DUPLICATE_EFFECT.name(),
                AnomalyKind.LOST_ACKNOWLEDGED.name(), AnomalyKind.PHANTOM_OPERATION.name(),
                AnomalyKind.BALANCE_MISMATCH.name(), AnomalyKind.REPLAY_MISMATCH.name(),
                AnomalyKind.JOURNAL_MISMATCH.name());
    }

    @Test
    void plantsEachAnomalyWithoutBreakingAnyOtherInvariant() {
        List<Planting> plantings = CheckerSelfTest.plantings(clean);

        assertThat(plantings).allSatisfy(planting -> {
            assertThat(planting.applicable()).as(planting.what()).isTrue();
            assertThat(planting.planted().check()).as(planting.what()).extracting(Anomaly::kind)
                    .containsOnly(planting.expected());
        });
    }

    @Test
    void plantsTheDuplicateAndTheLossOnTheFirstAppliedOperationByTag() {
        List<Planting> plantings = CheckerSelfTest.plantings(clean);

        assertThat(plantings.get(0).what()).startsWith("a second COMPLETED row").endsWith("(tag op-1)");
        assertThat(plantings.get(1).what()).startsWith("an applied operation's row").endsWith("(tag op-1)");
        assertThat(plantings.get(5).what()).startsWith("a journal row that says SUCCEEDED").endsWith("(tag op-3)");
    }

    @Test
    void plantsTheKeyAnomaliesOnTheDataTheAcknowledgementLeaves() {
        List<Planting> plantings = CheckerSelfTest.plantings(clean);

        // op-2 keeps alice's highest sequence once taken away (op-8 has 2); op-1 is alice's first gateway operation.
        assertThat(plantings.get(12).what()).startsWith("a client-app operation executed under another")
                .endsWith("(tag op-2 under the key of tag op-1)");
        assertThat(plantings.get(13).what()).startsWith("an operation row that carries another key").endsWith("(tag op-1)");
        assertThat(plantings.get(14).what()).startsWith("a watermark above every sequence")
                .endsWith("((alice, aliceSession) at 4)");
    }

    @Test
    void listsTheWatermarkPlantAsNotApplicableWhenClientAppSentNoSequencedKey() {
        CheckInput unsequenced = clean.withJournal(LedgerFixture.map(clean.journal(), row -> new JournalRow(
                row.username(), row.idempotencyKey(), null, row.status(), row.bankOperationId(), row.description())));

        assertThat(CheckerSelfTest.plantings(unsequenced).get(14)).satisfies(planting -> {
            assertThat(planting.applicable()).isFalse();
            assertThat(planting.what()).contains("not applicable: client-app sent no sequenced key");
        });
    }

    @Test
    void countsAPlantAsCaughtOnlyIfTheCheckerReportsItsKind() {
        CheckInput offByOne = LedgerFixture.balanceMoved(clean, LedgerFixture.BOB_MAIN, 1);

        assertThat(CheckerSelfTest.caught(new Planting("off by one", AnomalyKind.BALANCE_MISMATCH, offByOne), Set.of()))
                .isTrue();
        assertThat(CheckerSelfTest.caught(new Planting("nothing", AnomalyKind.BALANCE_MISMATCH, clean), Set.of()))
                .isFalse();
        assertThat(CheckerSelfTest.caught(new Planting("off by one", AnomalyKind.UNRESOLVED, offByOne), Set.of()))
                .isFalse();
    }

    @Test
    void reportsAPlantThatAddsNoAnomalyOfItsKindAsMissed() {
        // The replay plant flips the last byte of the first replay by tag; here that byte is flipped already,
        // so the plant restores the first answer and the checker has nothing new to report.
        ReplayCheck replay = clean.replays().stream().filter(r -> r.tag().equals("op-1")).findFirst().orElseThrow();
        byte[] body = replay.replayBody().clone();
        body[body.length - 1] ^= 1;
        CheckInput flipped = clean.withReplays(LedgerFixture.map(clean.replays(), r -> r == replay
                ? new ReplayCheck(r.tag(), r.firstStatus(), r.firstBody(), r.replayStatus(), body, true)
                : r));

        assertThat(selfTest(flipped)).filteredOn(anomaly -> anomaly.expectedKind().equals("REPLAY_MISMATCH"))
                .singleElement().satisfies(anomaly -> {
                    assertThat(anomaly.planted()).doesNotContain("not applicable").endsWith("(tag op-1)");
                    assertThat(anomaly.caught()).isFalse();
                    assertThat(anomaly.missed()).isTrue();
                });
    }

    @Test
    void doesNotCountAnAnomalyTheRunAlreadyHadAsCaught() {
        CheckInput offByOne = LedgerFixture.balanceMoved(clean, LedgerFixture.BOB_MAIN, 1);
        Set<Anomaly> before = Set.copyOf(offByOne.check());

        assertThat(CheckerSelfTest.caught(new Planting("the same", AnomalyKind.BALANCE_MISMATCH, offByOne), before))
                .isFalse();
    }

    @Test
    void listsTheJournalPlantAsNotApplicableWhenTheLedgerRejectedNoClientAppOperation() {
        CheckInput state = cleanRunWithoutClientAppRejection();
        assertThat(state.check()).isEmpty();

        List<PlantedAnomaly> planted = selfTest(state);

        assertThat(planted).filteredOn(anomaly -> anomaly.planted().contains("not applicable")).singleElement()
                .satisfies(anomaly -> {
                    assertThat(anomaly.planted()).startsWith("a journal row that says SUCCEEDED")
                            .contains("no client-app operation with a journal row was rejected");
                    assertThat(anomaly.expectedKind()).isEqualTo(AnomalyKind.JOURNAL_MISMATCH.name());
                    assertThat(anomaly.applicable()).isFalse();
                    assertThat(anomaly.caught()).isFalse();
                    assertThat(anomaly.missed()).isFalse();
                });
        assertThat(planted).filteredOn(anomaly -> !anomaly.planted().contains("not applicable"))
                .hasSize(14).allMatch(PlantedAnomaly::caught);
    }

    @Test
    void listsTheReplayPlantAsNotApplicableWithoutReplays() {
        List<PlantedAnomaly> planted = selfTest(clean.withReplays(List.of()));

        assertThat(planted).filteredOn(anomaly -> anomaly.expectedKind().equals(AnomalyKind.REPLAY_MISMATCH.name()))
                .singleElement().satisfies(anomaly -> {
                    assertThat(anomaly.planted()).contains("not applicable: no operation was replayed");
                    assertThat(anomaly.applicable()).isFalse();
                    assertThat(anomaly.caught()).isFalse();
                });
    }

    @Test
    void leavesTheFinalStateItIsGivenUnchanged() {
        CheckInput copy = copyOf(clean);
        List<byte[]> replayBodies = clean.replays().stream().map(replay -> replay.replayBody().clone()).toList();

        selfTest(clean);

        assertThat(clean).isEqualTo(copy);
        assertThat(clean.replays()).extracting(ReplayCheck::replayBody).containsExactlyElementsOf(replayBodies);
    }

    @Test
    void picksTheSameVictimsWhateverTheOrderOfItsInputs() {
        LedgerSnapshot ledger = clean.ledger();
        CheckInput reordered = new CheckInput(reversed(clean.history()),
                new LedgerSnapshot(reversed(ledger.accounts()), reversed(ledger.operations()), reversed(ledger.entries()),
                        reversed(ledger.fence()), reversed(ledger.watermarks()), ledger.historyRows()),
                reversed(clean.journal()), reversed(clean.replays()));

        assertThat(selfTest(reordered)).isEqualTo(selfTest(clean));
    }

    private static List<PlantedAnomaly> selfTest(CheckInput state) {
        return CheckerSelfTest.selfTest(state.history(), state.ledger(), state.journal(), state.replays());
    }

    private static CheckInput copyOf(CheckInput state) {
        LedgerSnapshot ledger = state.ledger();
        return new CheckInput(List.copyOf(state.history()),
                new LedgerSnapshot(List.copyOf(ledger.accounts()), List.copyOf(ledger.operations()),
                        List.copyOf(ledger.entries()), List.copyOf(ledger.fence()), List.copyOf(ledger.watermarks()),
                        Map.copyOf(ledger.historyRows())),
                List.copyOf(state.journal()), List.copyOf(state.replays()));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
