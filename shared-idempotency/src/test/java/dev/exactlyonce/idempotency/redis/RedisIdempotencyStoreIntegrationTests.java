package dev.exactlyonce.idempotency.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.exactlyonce.idempotency.ClaimResult;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.IdempotencyObserver;
import dev.exactlyonce.idempotency.IdempotencyStore;
import dev.exactlyonce.idempotency.IdempotencyStoreContract;
import dev.exactlyonce.idempotency.IdempotencyStoreException;
import dev.exactlyonce.idempotency.OwnerToken;
import dev.exactlyonce.idempotency.Ownership;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.SequencedKey;
import dev.exactlyonce.idempotency.StoredResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.ClusterSlotHashUtil;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static dev.exactlyonce.idempotency.IdempotencyFixture.created;
import static dev.exactlyonce.idempotency.IdempotencyFixture.fingerprint;
import static dev.exactlyonce.idempotency.IdempotencyFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The store's transitions against a real Redis 6.2, through each client Spring Data Redis supports, on a
 * standalone server and on a cluster: the store only sees a {@link RedisConnectionFactory}, and the clients differ
 * in how they report failures such as a forgotten script, and in how they route a script on a cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisIdempotencyStoreIntegrationTests extends IdempotencyStoreContract {

    private static final RedisScript<Long> MEMORY_USAGE = RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1])",
            Long.class);

    /** The most a completed record of a small debit may cost in Redis (issue 17's goal; DESIGN.md allows 512 B). */
    private static final long COMPACT_RECORD_BYTES = 320;

    private RedisConnectionFactory connections;
    private RedisIdempotencyStore store;
    private StringRedisTemplate redis;

    /** A started connection factory of one client, with a two-second command timeout. */
    protected abstract RedisConnectionFactory connectionFactory(RedisTopology topology);

    /** Where the tests run: the standalone server unless a subclass says otherwise. */
    protected RedisTopology topology() {
        return RedisTopology.STANDALONE;
    }

    @BeforeAll
    void startClient() {
        connections = connectionFactory(topology());
        store = new RedisIdempotencyStore(connections, "test-idem:");
        redis = new StringRedisTemplate(connections);
    }

    /** A store whose window is so long that only a claim, or closing the store, writes a held completion. */
    private RedisIdempotencyStore holdingStore() {
        return new RedisIdempotencyStore(connections, "test-idem:", Duration.ofMinutes(1));
    }

    /**
     * Records of one fresh session: their keys share the session's hash tag, so on a cluster too a claim of one
     * can carry the held completions of the others.
     */
    private static List<RecordId> sessionRecords(int count) {
        String session = "held" + UUID.randomUUID().toString().replace("-", "");
        List<RecordId> records = new ArrayList<>();
        for (int sequence = 1; sequence <= count; sequence++) {
            records.add(new RecordId("alice", new SequencedKey(session, sequence).key()));
        }
        return records;
    }

    /** Claims {@code id} through {@code holding}, then hands it a completion with {@code body} to hold. */
    private static CompletableFuture<Ownership> claimAndHold(RedisIdempotencyStore holding, RecordId id, String body) {
        OwnerToken owner = OwnerToken.next();
        holding.claim(id, fingerprint("a"), owner, LEASE, RETENTION);
        return holding.completeAsync(id, owner, fingerprint("a"), created(body), RETENTION).toCompletableFuture();
    }

    @AfterAll
    void stopClient() throws Exception {
        ((DisposableBean) connections).destroy();
    }

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected void leaseElapses(Duration lease) {
        try {
            Thread.sleep(lease.toMillis() + 50);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    protected boolean holdsRecord(RecordId id) {
        return Boolean.TRUE.equals(redis.hasKey(store.redisKey(id)));
    }

    @Override
    protected void storeLosesItsRecords() {
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
    }

    @Test
    void sequencedClaimCarriesHeldCompletionsAndAppliesItsAcknowledgementInTheSameCall() throws Exception {
        String session = "carrying" + UUID.randomUUID().toString().replace("-", "");
        RecordId first = new RecordId("alice", new SequencedKey(session, 1).key());
        RecordId second = new RecordId("alice", new SequencedKey(session, 2).key());
        try (RedisIdempotencyStore holding = holdingStore()) {
            CompletableFuture<Ownership> firstStored = claimAndHold(holding, first, "{\"op\":1}");
            assertThat(firstStored).isNotDone();

            ClaimResult claim = holding.claim(second, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION, 1);

            assertThat(claim).isEqualTo(new ClaimResult.Claimed(false));
            assertThat(firstStored.get(5, TimeUnit.SECONDS)).isEqualTo(Ownership.OWNED);
            assertThat(holding.claim(second, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION, 2))
                    .isInstanceOf(ClaimResult.InProgress.class);
            assertThat(holdsRecord(first)).isFalse();
            assertThat(holding.claim(first, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION, 0))
                    .isEqualTo(new ClaimResult.BelowWatermark(2));
        }
    }

    @Test
    void tellsTheObserverWhatEachAcknowledgementDiscarded() {
        List<String> heard = new CopyOnWriteArrayList<>();
        IdempotencyObserver listening = new IdempotencyObserver() {
            @Override
            public void acknowledgementApplied(SequencedKey key, long watermark, long discarded) {
                heard.add(key.sequence() + "/" + watermark + "/" + discarded);
            }
        };
        RedisIdempotencyStore observed = new RedisIdempotencyStore(connections, "test-idem:", Duration.ZERO, listening);
        String session = "observed" + UUID.randomUUID().toString().replace("-", "");
        for (long sequence = 1; sequence <= 4; sequence++) {
            RecordId id = new RecordId("alice", new SequencedKey(session, sequence).key());
            OwnerToken owner = OwnerToken.next();
            observed.claim(id, fingerprint("a"), owner, LEASE, RETENTION, sequence == 4 ? 3 : 0);
            observed.complete(id, owner, fingerprint("a"), created("{}"), RETENTION);
        }

        assertThat(heard).containsExactly("1/0/0", "2/0/0", "3/0/0", "4/3/2");
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        RecordId id = newId("alice");
        int contenders = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<ClaimResult>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Callable<ClaimResult> claim = () -> {
                    start.await();
                    return store.claim(id, fingerprint("a"), OwnerToken.next(), Duration.ofSeconds(10), RETENTION);
                };
                results.add(pool.submit(claim));
            }
            start.countDown();
            int winners = 0;
            int inProgress = 0;
            for (Future<ClaimResult> result : results) {
                ClaimResult claim = result.get();
                winners += claim instanceof ClaimResult.Claimed ? 1 : 0;
                inProgress += claim instanceof ClaimResult.InProgress ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(inProgress).isEqualTo(contenders - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exactlyOneOfManyConcurrentTakeoversWins() throws Exception {
        RecordId id = newId("alice");
        store.claim(id, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION);
        leaseElapses(LEASE);
        int contenders = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<ClaimResult>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.claim(id, fingerprint("a"), OwnerToken.next(), Duration.ofSeconds(10), RETENTION);
                }));
            }
            start.countDown();
            long takeovers = 0;
            for (Future<ClaimResult> result : results) {
                takeovers += result.get().equals(new ClaimResult.Claimed(true)) ? 1 : 0;
            }
            assertThat(takeovers).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storesRecordAsOneStringThatExpiresByRedisClock() {
        RecordId id = newId("alice");
        OwnerToken owner = OwnerToken.next();
        store.claim(id, fingerprint("a"), owner, LEASE, Duration.ofMinutes(3));
        String key = store.redisKey(id);

        assertThat(redis.type(key).code()).isEqualTo("string");
        assertThat(redis.getExpire(key)).isBetween(170L, 180L);

        store.complete(id, owner, fingerprint("a"), created("{\"id\":42}"), Duration.ofMinutes(2));

        assertThat(redis.getExpire(key)).isBetween(110L, 120L);
    }

    @Test
    void readsAndTakesOverRecordsOfTheLayoutWithWholeFingerprints() {
        // Before record.lua's layout, records began with an upper-case letter and held all 32 fingerprint bytes.
        RecordId completed = newId("alice");
        writeRaw(completed, concat(bytes("C"), fingerprint("a").bytes(),
                SnapshotCodec.encode(created("{\"id\":7}"), false)));
        RecordId pending = newId("alice");
        OwnerToken owner = OwnerToken.next();
        writeRaw(pending, concat(bytes("P"), fingerprint("a").bytes(), owner.bytes(),
                bytes(Long.toString(System.currentTimeMillis() + 60_000))));

        assertThat(store.claim(completed, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                .isEqualTo(new ClaimResult.Completed(created("{\"id\":7}")));
        assertThat(store.claim(completed, fingerprint("b"), OwnerToken.next(), LEASE, RETENTION))
                .isEqualTo(new ClaimResult.FingerprintMismatch());
        assertThat(store.claim(pending, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                .isInstanceOf(ClaimResult.InProgress.class);
        assertThat(store.claim(pending, fingerprint("b"), OwnerToken.next(), LEASE, RETENTION))
                .isEqualTo(new ClaimResult.FingerprintMismatch());
        assertThat(store.renew(pending, OwnerToken.next(), LEASE)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store.renew(pending, owner, LEASE)).isEqualTo(Ownership.OWNED);
        assertThat(store.complete(pending, owner, fingerprint("a"), created("{\"id\":8}"), RETENTION))
                .isEqualTo(Ownership.OWNED);
        assertThat(store.claim(pending, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                .isEqualTo(new ClaimResult.Completed(created("{\"id\":8}")));
        assertThat(store.claim(pending, fingerprint("b"), OwnerToken.next(), LEASE, RETENTION))
                .isEqualTo(new ClaimResult.FingerprintMismatch());
    }

    @Test
    void writesTheCompactLayoutUnlessToldToWriteWhatEarlierVersionsRead() {
        RecordId compact = newId("alice");
        RecordId earlier = newId("alice");
        RedisIdempotencyStore earlierLayout = new RedisIdempotencyStore(connections, "test-idem:", Duration.ZERO,
                IdempotencyObserver.NONE, true);
        String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"COMPLETED\",\"amount\":100}";

        for (RedisIdempotencyStore writer : List.of(store, earlierLayout)) {
            RecordId id = writer == store ? compact : earlier;
            OwnerToken owner = OwnerToken.next();
            writer.claim(id, fingerprint("a"), owner, LEASE, RETENTION);
            assertThat(readRaw(id)[0]).isEqualTo((byte) (writer == store ? 'p' : 'P'));
            writer.complete(id, owner, fingerprint("a"), created(json), RETENTION);
        }

        byte[] compactRecord = readRaw(compact);
        byte[] earlierRecord = readRaw(earlier);
        // 'c', 16 bytes of fingerprint, format 3 (the dictionary)
        assertThat(compactRecord[0]).isEqualTo((byte) 'c');
        assertThat(Arrays.copyOfRange(compactRecord, 1, 17)).isEqualTo(Arrays.copyOf(fingerprint("a").bytes(), 16));
        assertThat(compactRecord[17]).isEqualTo((byte) 3);
        // 'C', all 32 bytes, format 2: what versions before the compact layout read
        assertThat(earlierRecord[0]).isEqualTo((byte) 'C');
        assertThat(Arrays.copyOfRange(earlierRecord, 1, 33)).isEqualTo(fingerprint("a").bytes());
        assertThat(earlierRecord[33]).isEqualTo((byte) 2);
        for (RedisIdempotencyStore reader : List.of(store, earlierLayout)) {
            for (RecordId id : List.of(compact, earlier)) {
                assertThat(reader.claim(id, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                        .isEqualTo(new ClaimResult.Completed(created(json)));
                assertThat(reader.claim(id, fingerprint("b"), OwnerToken.next(), LEASE, RETENTION))
                        .isEqualTo(new ClaimResult.FingerprintMismatch());
            }
        }
    }

    private byte[] readRaw(RecordId id) {
        return redis.execute((RedisCallback<byte[]>) connection -> connection.stringCommands()
                .get(bytes(store.redisKey(id))));
    }

    private void writeRaw(RecordId id, byte[] record) {
        redis.execute((RedisCallback<Void>) connection -> {
            connection.stringCommands().set(bytes(store.redisKey(id)), record);
            return null;
        });
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    @Test
    void renewalKeepsRecordExpiry() {
        RecordId id = newId("alice");
        OwnerToken owner = OwnerToken.next();
        store.claim(id, fingerprint("a"), owner, LEASE, Duration.ofMinutes(3));

        store.renew(id, owner, LEASE);

        assertThat(redis.getExpire(store.redisKey(id))).isBetween(170L, 180L);
    }

    @Test
    void sendsScriptsAgainAfterRedisForgotThem() {
        redis.execute((RedisCallback<Void>) connection -> {
            connection.scriptingCommands().scriptFlush();
            return null;
        });

        assertThat(store.claim(newId("alice"), fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                .isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void namesRecordsByLengthPrefixedScopeInsideAHashTag() {
        RecordId id = new RecordId("alice", new IdempotencyKey("k-1"));

        assertThat(store.redisKey(id)).isEqualTo("test-idem:{5:alice:k-1}");
    }

    @Test
    void namesASessionsRecordsAndWatermarkWithTheSessionsHashTag() {
        SequencedKey sequenced = new SequencedKey("aliceSession", 17);
        RecordId id = new RecordId("alice", sequenced.key());

        assertThat(store.redisKey(id)).isEqualTo("test-idem:{5:alice:aliceSession}.17");
        assertThat(store.watermarkKey(id, sequenced)).isEqualTo("test-idem:ack:{5:alice:aliceSession}");
        assertThat(ClusterSlotHashUtil.isSameSlotForAllKeys(bytes(store.redisKey(id)),
                bytes(store.redisKey(new RecordId("alice", new SequencedKey("aliceSession", 1).key()))),
                bytes(store.watermarkKey(id, sequenced)))).isTrue();
    }

    @Test
    void refusesAKeyPrefixWithABrace() {
        assertThatThrownBy(() -> new RedisIdempotencyStore(connections, "idem{x}:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash tag").hasMessageContaining("idem{x}:");
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reportsUnreachableRedisAsStoreFailure() {
        topology().stop();
        try {
            assertThatThrownBy(() -> store.claim(newId("alice"), fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                    .isInstanceOf(IdempotencyStoreException.class);
        } finally {
            topology().start();
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(store.claim(newId("alice"), fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                        .isInstanceOf(ClaimResult.Claimed.class));
    }

    @Test
    void heldCompletionRidesAlongWithTheNextClaim() throws Exception {
        try (RedisIdempotencyStore holding = holdingStore()) {
            List<RecordId> session = sessionRecords(2);
            RecordId answered = session.get(0);

            CompletableFuture<Ownership> stored = claimAndHold(holding, answered, "{\"id\":1}");

            assertThat(stored).isNotDone();
            assertThat(store.claim(answered, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                    .isInstanceOf(ClaimResult.InProgress.class);

            holding.claim(session.get(1), fingerprint("b"), OwnerToken.next(), LEASE, RETENTION);

            assertThat(stored.get(5, TimeUnit.SECONDS)).isEqualTo(Ownership.OWNED);
            assertThat(store.claim(answered, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                    .isEqualTo(new ClaimResult.Completed(created("{\"id\":1}")));
        }
    }

    @Test
    void severalHeldCompletionsRideAlongWithOneClaim() throws Exception {
        try (RedisIdempotencyStore holding = holdingStore()) {
            List<RecordId> session = sessionRecords(4);
            List<RecordId> ids = session.subList(0, 3);
            List<CompletableFuture<Ownership>> stored = new ArrayList<>();
            for (RecordId id : ids) {
                stored.add(claimAndHold(holding, id, id.key().value()));
            }

            RecordId next = session.get(3);
            assertThat(holding.claim(next, fingerprint("d"), OwnerToken.next(), LEASE, RETENTION))
                    .isEqualTo(new ClaimResult.Claimed(false));

            for (int i = 0; i < ids.size(); i++) {
                assertThat(stored.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(Ownership.OWNED);
                assertThat(store.claim(ids.get(i), fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                        .isEqualTo(new ClaimResult.Completed(created(ids.get(i).key().value())));
            }
            assertThat(store.claim(next, fingerprint("d"), OwnerToken.next(), LEASE, RETENTION))
                    .isInstanceOf(ClaimResult.InProgress.class);
        }
    }

    @Test
    void claimCarriesTheHeldCompletionsOfOtherSlotsOnlyWhereRedisIsNoClusterAndTheTimerWritesTheRest() throws Exception {
        RecordId next = newId("dave");
        int slot = ClusterSlotHashUtil.calculateSlot(store.redisKey(next));
        try (RedisIdempotencyStore holding = new RedisIdempotencyStore(connections, "test-idem:", Duration.ofSeconds(1))) {
            List<RecordId> ids = new ArrayList<>();
            List<CompletableFuture<Ownership>> stored = new ArrayList<>();
            while (ids.size() < 3) {
                RecordId id = newId("alice");
                if (ClusterSlotHashUtil.calculateSlot(store.redisKey(id)) != slot) {
                    ids.add(id);
                    stored.add(claimAndHold(holding, id, "{}"));
                }
            }

            holding.claim(next, fingerprint("d"), OwnerToken.next(), LEASE, RETENTION);

            // A cluster refuses a script whose keys lie in several slots: these wait for the window to close.
            assertThat(stored).allMatch(completion -> completion.isDone() == (topology() == RedisTopology.STANDALONE));
            for (int i = 0; i < ids.size(); i++) {
                assertThat(stored.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(Ownership.OWNED);
                assertThat(store.claim(ids.get(i), fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                        .isEqualTo(new ClaimResult.Completed(created("{}")));
            }
        }
    }

    @Test
    void retryOfAHeldKeyOnTheSameStoreIsReplayedNotRefused() throws Exception {
        try (RedisIdempotencyStore holding = holdingStore()) {
            RecordId id = newId("alice");
            CompletableFuture<Ownership> stored = claimAndHold(holding, id, "{\"id\":2}");

            assertThat(holding.claim(id, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                    .isEqualTo(new ClaimResult.Completed(created("{\"id\":2}")));
            assertThat(stored.get(5, TimeUnit.SECONDS)).isEqualTo(Ownership.OWNED);
        }
    }

    @Test
    void heldCompletionIsWrittenWhenTheWindowCloses() throws Exception {
        try (RedisIdempotencyStore shortWindow = new RedisIdempotencyStore(connections, "test-idem:",
                Duration.ofMillis(50))) {
            RecordId id = newId("alice");
            OwnerToken owner = OwnerToken.next();
            shortWindow.claim(id, fingerprint("a"), owner, LEASE, RETENTION);

            Ownership stored = shortWindow.completeAsync(id, owner, fingerprint("a"), created("{}"), RETENTION).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);

            assertThat(stored).isEqualTo(Ownership.OWNED);
            assertThat(store.claim(id, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                    .isInstanceOf(ClaimResult.Completed.class);
        }
    }

    @Test
    void closingTheStoreWritesWhatItHolds() throws Exception {
        RedisIdempotencyStore holding = holdingStore();
        RecordId id = newId("alice");
        CompletableFuture<Ownership> stored = claimAndHold(holding, id, "{}");

        holding.close();

        assertThat(stored).isCompletedWithValue(Ownership.OWNED);
        assertThat(store.claim(id, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                .isInstanceOf(ClaimResult.Completed.class);
    }

    @Test
    void closedStoreWritesLaterCompletionsAtOnce() throws Exception {
        RedisIdempotencyStore holding = holdingStore();
        holding.close();

        for (int i = 0; i < 2; i++) {
            RecordId id = newId("alice");
            CompletableFuture<Ownership> stored = claimAndHold(holding, id, "{}");

            assertThat(stored).isCompletedWithValue(Ownership.OWNED);
            assertThat(store.claim(id, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                    .isInstanceOf(ClaimResult.Completed.class);
        }
    }

    @Test
    void heldCompletionOfALostLeaseStoresNothing() throws Exception {
        try (RedisIdempotencyStore holding = holdingStore()) {
            List<RecordId> session = sessionRecords(2);
            RecordId id = session.get(0);
            OwnerToken late = OwnerToken.next();
            holding.claim(id, fingerprint("a"), late, LEASE, RETENTION);
            leaseElapses(LEASE);
            OwnerToken takeover = OwnerToken.next();
            assertThat(store.claim(id, fingerprint("a"), takeover, LEASE, RETENTION)).isEqualTo(new ClaimResult.Claimed(true));

            CompletableFuture<Ownership> stored = holding.completeAsync(id, late, fingerprint("a"), created("late"), RETENTION)
                    .toCompletableFuture();
            holding.claim(session.get(1), fingerprint("b"), OwnerToken.next(), LEASE, RETENTION);

            assertThat(stored.get(5, TimeUnit.SECONDS)).isEqualTo(Ownership.TAKEN_OVER);
            assertThat(store.complete(id, takeover, fingerprint("a"), created("takeover"), RETENTION))
                    .isEqualTo(Ownership.OWNED);
        }
    }

    @Test
    void heldCompletionOfAFlushedRecordIsWrittenBackByTheClaimThatCarriesIt() throws Exception {
        try (RedisIdempotencyStore holding = holdingStore()) {
            List<RecordId> session = sessionRecords(2);
            RecordId id = session.get(0);
            CompletableFuture<Ownership> stored = claimAndHold(holding, id, "{\"id\":3}");
            storeLosesItsRecords();

            holding.claim(session.get(1), fingerprint("b"), OwnerToken.next(), LEASE, RETENTION);

            assertThat(stored.get(5, TimeUnit.SECONDS)).isEqualTo(Ownership.VANISHED);
            assertThat(store.claim(id, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                    .isEqualTo(new ClaimResult.Completed(created("{\"id\":3}")));
        }
    }

    @Test
    void heldCompletionAndClaimSurviveRedisForgettingTheScripts() throws Exception {
        try (RedisIdempotencyStore holding = holdingStore()) {
            List<RecordId> session = sessionRecords(2);
            CompletableFuture<Ownership> stored = claimAndHold(holding, session.get(0), "{}");
            redis.execute((RedisCallback<Void>) connection -> {
                connection.scriptingCommands().scriptFlush();
                return null;
            });

            ClaimResult next = holding.claim(session.get(1), fingerprint("b"), OwnerToken.next(), LEASE, RETENTION);

            assertThat(next).isEqualTo(new ClaimResult.Claimed(false));
            assertThat(stored.get(5, TimeUnit.SECONDS)).isEqualTo(Ownership.OWNED);
        }
    }

    @Test
    void heldCompletionFailsWithTheClaimThatCarriedItWhenRedisIsDown() throws Exception {
        try (RedisIdempotencyStore holding = holdingStore()) {
            List<RecordId> session = sessionRecords(2);
            CompletableFuture<Ownership> stored = claimAndHold(holding, session.get(0), "{}");
            topology().stop();
            try {
                assertThatThrownBy(() -> holding.claim(session.get(1), fingerprint("b"), OwnerToken.next(), LEASE,
                        RETENTION)).isInstanceOf(IdempotencyStoreException.class);
            } finally {
                topology().start();
            }

            assertThat(stored).isCompletedExceptionally();
            assertThatThrownBy(stored::join).hasCauseInstanceOf(IdempotencyStoreException.class);
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(store.claim(newId("alice"), fingerprint("a"), OwnerToken.next(), LEASE, RETENTION))
                        .isInstanceOf(ClaimResult.Claimed.class));
    }

    @Test
    void completedSmallDebitRecordIsCompact() {
        RecordId id = new RecordId("alice", new IdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324"));
        OwnerToken owner = OwnerToken.next();
        store.claim(id, fingerprint("a"), owner, LEASE, RETENTION);
        String body = "{\"operationId\":\"0b5e2c4e-0f7e-4a4a-9d55-3f1f0c7c1e11\",\"type\":\"DEBIT\","
                + "\"accountId\":\"6f1c8a52-22a3-4b7e-8f59-9a3c2f4c6d10\",\"amount\":1000,\"currency\":\"EUR\","
                + "\"balanceAfter\":99000,\"status\":\"COMPLETED\",\"description\":\"test debit\","
                + "\"createdAt\":\"2026-11-23T20:18:02.123456Z\"}";
        assertThat(store.complete(id, owner, fingerprint("a"), new StoredResponse(201, List.of(
                new StoredResponse.Header("Content-Type", "application/json"),
                new StoredResponse.Header("Location",
                        "/api/v1/operations/0b5e2c4e-0f7e-4a4a-9d55-3f1f0c7c1e11")),
                body.getBytes(StandardCharsets.UTF_8)), RETENTION)).isEqualTo(Ownership.OWNED);

        Long bytes = redis.execute(MEMORY_USAGE, List.of(store.redisKey(id)));

        // Key, fingerprint, snapshot and Redis's own overhead: the design's bound for a small debit.
        assertThat(bytes).as("Redis MEMORY USAGE of a completed debit record, in bytes").isNotNull()
                .isLessThanOrEqualTo(COMPACT_RECORD_BYTES);
    }
}
