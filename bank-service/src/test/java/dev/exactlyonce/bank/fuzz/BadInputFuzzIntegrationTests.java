package dev.exactlyonce.bank.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import dev.exactlyonce.bank.AccountFixture;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.LedgerCheck;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz suite: at least 10,000 generated malformed requests ({@link MalformedRequests}) against the
 * real bank on real PostgreSQL and Redis. Every answer must be a 4xx {@code application/problem+json}
 * (never 5xx, never another body), and afterwards every table (balances, operations, ledger entries,
 * accounts, fence rows) must be exactly as before. Reproduce a run with {@code -Dfuzz.seed=<seed>};
 * {@code -Dfuzz.requests=<n>} sends more.
 */
@BankIntegrationTest
class BadInputFuzzIntegrationTests {

    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_2026_1202L);

    private static final int REQUESTS = Math.max(10_000, Integer.getInteger("fuzz.requests", 10_000));

    private static final int SENDERS = 4;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    BankHttp api;

    @Autowired
    LedgerCheck ledger;

    @Test
    void refusesEveryMalformedRequestWithAProblemAndChangesNothing() throws Exception {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 10_000);
        UUID foreign = AccountFixture.euroAccount(api, BankHttp.BOB, 5_000);
        Map<String, String> before = ledger.snapshot();
        List<MalformedRequests.Case> cases = new ArrayList<>(REQUESTS);
        // jqwik's generators outside a jqwik property need a session; each case has its own seeded Random.
        JqwikSession.start();
        try {
            MalformedRequests generator = new MalformedRequests(account, foreign);
            for (int i = 0; i < REQUESTS; i++) {
                cases.add(generator.next(new Random(SEED * 1_000_003L + i)));
            }
        } finally {
            JqwikSession.finish();
        }
        RawHttp http = new RawHttp(port);
        Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger nextCase = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                running.add(senders.submit(() -> {
                    for (int i = nextCase.getAndIncrement(); i < cases.size(); i = nextCase.getAndIncrement()) {
                        MalformedRequests.Case request = cases.get(i);
                        RawHttp.Reply reply = http.send(request.method(), request.target(), request.headers(), request.body(),
                                request.chunked());
                        sent.incrementAndGet();
                        byStatus.computeIfAbsent(reply.status(), status -> new LongAdder()).increment();
                        byReason.computeIfAbsent(request.reason() + " -> " + reply.status(), reason -> new LongAdder()).increment();
                        String problem = problemWith(reply);
                        if (problem != null && wrong.size() < 25) {
                            wrong.add("#" + i + " " + problem + "\n    " + request.describe() + "\n    answer: "
                                    + reply.body().substring(0, Math.min(300, reply.body().length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        } finally {
            senders.shutdownNow();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        System.out.printf("Fuzz: seed %d, %d malformed requests sent in %d s%n", SEED, sent.get(), seconds);
        System.out.println("Fuzz answers by status: " + new TreeMap<>(counts(byStatus)));
        new TreeMap<>(counts(byReason)).forEach((reason, count) -> System.out.printf("  %-50s %6d%n", reason, count));

        assertThat(wrong).as("requests not answered with a 4xx problem").isEmpty();
        assertThat(sent.get()).isGreaterThanOrEqualTo(10_000);
        assertThat(ledger.snapshot()).as("every table after the fuzz run").isEqualTo(before);
        ledger.assertBooksBalance();
    }

    /** What is wrong with the reply, or {@code null} when it is a 4xx problem. */
    private static String problemWith(RawHttp.Reply reply) {
        if (reply.status() < 400 || reply.status() > 499) {
            return "status " + reply.status();
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "content type '" + reply.contentType() + "'";
        }
        try {
            JsonNode problem = JSON.readTree(reply.body());
            if (!problem.path("type").asString("").startsWith("https://exactly-once.dev/problems/")) {
                return "problem type " + problem.path("type");
            }
            if (problem.path("status").asInt() != reply.status()) {
                return "problem status " + problem.path("status") + " for " + reply.status();
            }
            return null;
        } catch (RuntimeException ex) {
            return "body is not JSON";
        }
    }

    private static <K> Map<K, Long> counts(Map<K, LongAdder> adders) {
        return adders.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().sum()));
    }
}
