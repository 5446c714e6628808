package dev.exactlyonce.bank.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.exactlyonce.bank.AccountFixture;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.LedgerCheck;
import dev.exactlyonce.localinfra.RedisCluster;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bank-service on a real Redis Cluster (3 masters, 3 replicas) loses a master under load: requests whose keys live
 * on it answer 503 while its replica takes over, then everything succeeds again, and the ledger's fence keeps
 * every key to one effect, even a key whose record the dead master had not yet passed to its replica.
 */
@BankIntegrationTest
class RedisClusterFailoverIntegrationTests {

    @DynamicPropertySource
    static void onTheCluster(DynamicPropertyRegistry properties) {
        RedisCluster.shared().springProperties().forEach((name, value) -> properties.add(name, () -> value));
    }

    private static final int SENDERS = 8;
    private static final long FUNDS = 10_000_000;
    /** The most a key may take, through every 503 and 409 of the failover, before the test gives up on it. */
    private static final Duration PER_KEY = Duration.ofSeconds(60);

    @Autowired
    ObjectProvider<BankHttp> apis;

    @Autowired
    LedgerCheck ledger;

    @Test
    void masterLostUnderLoadAnswers503OnlyWhileItsReplicaTakesOverAndEveryKeyHasOneEffect() throws Exception {
        RedisCluster cluster = RedisCluster.shared();
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            accounts.add(AccountFixture.euroAccount(apis.getObject(), BankHttp.ALICE, FUNDS));
        }
        Map<UUID, Long> operationsBefore = new ConcurrentHashMap<>();
        accounts.forEach(account -> operationsBefore.put(account, ledger.operations(account)));
        List<Sent> sent = new CopyOnWriteArrayList<>();
        List<Long> unavailableAt = new CopyOnWriteArrayList<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (UUID account : accounts) {
            BankHttp api = apis.getObject();
            running.add(senders.submit(() -> {
                while (loading.get()) {
                    sent.add(debitUntilAnswered(api, account, unavailableAt));
                }
                return null;
            }));
        }

        Thread.sleep(2_000);
        int master = cluster.masterOf(0);
        long killedAt = System.nanoTime();
        cluster.kill(master);
        cluster.awaitHealthy(Duration.ofSeconds(60));
        long promotedAt = System.nanoTime();
        // Load goes on well past the promotion: every request now must succeed at the first attempt.
        Thread.sleep(4_000);
        long settledAt = System.nanoTime();
        Thread.sleep(2_000);
        loading.set(false);
        for (Future<?> sender : running) {
            sender.get(PER_KEY.toSeconds() * 2, TimeUnit.SECONDS);
        }
        senders.shutdown();
        cluster.restart(master);
        cluster.awaitHealthy(Duration.ofSeconds(60));

        long first503 = unavailableAt.stream().mapToLong(Long::longValue).min().orElse(killedAt);
        long last503 = unavailableAt.stream().mapToLong(Long::longValue).max().orElse(killedAt);
        System.out.printf("Redis Cluster failover under load: %d debits, %d answers 503 from %d ms to %d ms after the "
                + "master was killed (%d ms of 503s); replica promoted %d ms after the kill; the slowest key took %d ms "
                + "to its 201%n", sent.size(), unavailableAt.size(), millis(first503 - killedAt), millis(last503 - killedAt),
                millis(last503 - first503), millis(promotedAt - killedAt),
                millis(sent.stream().mapToLong(debit -> debit.answeredAt() - debit.startedAt()).max().orElse(0)));

        assertThat(sent).as("every key answered 201 in the end").allMatch(debit -> debit.status() == 201);
        assertThat(unavailableAt).as("503s only once the master was gone").allMatch(at -> at >= killedAt);
        assertThat(unavailableAt).as("503s only until shortly after the replica took over")
                .allMatch(at -> at < settledAt);
        assertThat(sent).as("debits sent after the failover settled").filteredOn(debit -> debit.startedAt() > settledAt)
                .isNotEmpty().allMatch(debit -> debit.attempts() == 1);
        assertThat(sent).filteredOn(debit -> debit.startedAt() < killedAt).isNotEmpty();

        // One effect per key: each account holds its opening operations and one debit per key sent to it, even
        // after every key is sent once more (a record the dead master never replicated is found by the fence).
        BankHttp api = apis.getObject();
        for (Sent debit : sent) {
            BankHttp.Reply again = api.post(BankHttp.ALICE, debits(debit.account()), debit.key(), AccountFixture.debit(1));
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(debit.body());
        }
        for (UUID account : accounts) {
            long keys = sent.stream().filter(debit -> debit.account().equals(account)).count();
            assertThat(ledger.operations(account)).as("operations of " + account)
                    .isEqualTo(operationsBefore.get(account) + keys);
            assertThat(AccountFixture.balance(api, BankHttp.ALICE, account)).isEqualTo(FUNDS - keys);
        }
        ledger.assertBooksBalance();
    }

    /** Sends one debit under a fresh key, again with the same key after each 503 or 409, until it has an answer. */
    private static Sent debitUntilAnswered(BankHttp api, UUID account, List<Long> unavailableAt) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        long startedAt = System.nanoTime();
        long deadline = startedAt + PER_KEY.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            BankHttp.Reply reply = api.post(BankHttp.ALICE, debits(account), key, AccountFixture.debit(1));
            if (reply.status() == 503) {
                unavailableAt.add(System.nanoTime());
            }
            if ((reply.status() != 503 && reply.status() != 409) || System.nanoTime() > deadline) {
                return new Sent(account, key, startedAt, System.nanoTime(), attempts, reply.status(), reply.body());
            }
            // Retry-After says 1 s; a shorter pause measures the end of the 503s more finely.
            Thread.sleep(100);
        }
    }

    private static String debits(UUID account) {
        return AccountFixture.ACCOUNTS + "/" + account + "/debits";
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** One key's debit: where, when it was first sent and answered, how many attempts it took, its final answer. */
    private record Sent(UUID account, String key, long startedAt, long answeredAt, int attempts, int status,
            String body) {
    }
}
