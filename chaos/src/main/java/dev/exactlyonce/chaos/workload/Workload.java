package dev.exactlyonce.chaos.workload;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.exactlyonce.chaos.check.ReplayCheck;
import dev.exactlyonce.chaos.history.Channel;
import dev.exactlyonce.chaos.history.Operation;
import dev.exactlyonce.chaos.history.OperationKind;
import dev.exactlyonce.chaos.history.OperationResult;
import dev.exactlyonce.chaos.topology.Topology;
import dev.exactlyonce.chaos.workload.AccountBook.Account;

/**
 * A closed-loop workload: each worker sends one logical operation at a time and drives it to a definite
 * answer with its own key before it takes the next. Gateway workers are the harness's own retrying API
 * clients; client-app workers hand operations to client-app and watch its journal.
 */
public final class Workload {

    /** How long one HTTP attempt may take before the workload counts it as a timeout and tries again. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    /** Opening balance of every account, credited during set-up. */
    static final long OPENING_BALANCE = 50_000;

    private final long seed;

    private final RunClock clock;

    private final Phase phase;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String gateway;

    private final GatewaySender gatewaySender;

    private final ClientAppSender clientAppSender;

    private final ConcurrentLinkedQueue<TrackedOperation> operations = new ConcurrentLinkedQueue<>();

    private final AtomicLong tags = new AtomicLong();

    private final AtomicLong issued = new AtomicLong();

    private final List<Thread> workers = new ArrayList<>();

    private AccountBook accounts;

    private volatile boolean issuing = true;

    private volatile long stoppedAtMillis = -1;

    public Workload(long seed, String gateway, String clientApp, RunClock clock, Recorder recorder) {
        this.seed = seed;
        this.clock = clock;
        this.gateway = gateway;
        this.phase = new Phase(clock);
        Attempts attempts = new Attempts(http, recorder, phase);
        this.gatewaySender = new GatewaySender(attempts, gateway);
        this.clientAppSender = new ClientAppSender(attempts, clientApp);
    }

    /** Opens the accounts and credits each its opening balance, before any fault. */
    public void setUp() throws IOException, InterruptedException {
        accounts = AccountBook.open(http, gateway, seed);
        Random random = new Random(seed);
        for (Account account : accounts.all()) {
            TrackedOperation funding = track(new Operation("s" + operations.size(), account.client(), Channel.SETUP,
                    key("s" + operations.size()), OperationKind.CREDIT, account.id(), null, OPENING_BALANCE,
                    account.currency()));
            gatewaySender.drive(funding, random);
            if (!funding.isDefinite()) {
                throw new IllegalStateException("Set-up credit " + funding.operation.tag() + " got no answer");
            }
        }
    }

    /** Starts the workers; they issue operations until {@link #stopIssuing()}. */
    public void start(int gatewayWorkers, int clientAppWorkers) {
        for (int i = 0; i < gatewayWorkers + clientAppWorkers; i++) {
            Channel channel = i < gatewayWorkers ? Channel.GATEWAY : Channel.CLIENT_APP;
            Random random = new Random(seed * 31 + i);
            Thread worker = new Thread(() -> work(channel, random), "workload-" + channel.name().toLowerCase() + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void work(Channel channel, Random random) {
        try {
            while (issuing) {
                TrackedOperation tracked = track(next(channel, random));
                issued.incrementAndGet();
                if (channel == Channel.GATEWAY) {
                    gatewaySender.drive(tracked, random);
                } else {
                    clientAppSender.drive(tracked, random);
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private TrackedOperation track(Operation operation) {
        TrackedOperation tracked = new TrackedOperation(operation, clock.millis());
        operations.add(tracked);
        return tracked;
    }

    /**
     * A random operation: 30 % credits, 35 % debits, 35 % transfers between EUR accounts of any clients.
     * Debits outweigh credits, so balances drift down to where refusals for want of funds are common and
     * the overdraft limit is reached: both stored refusals and the limit are under test.
     */
    private Operation next(Channel channel, Random random) {
        String client = Topology.CLIENTS.get(random.nextInt(Topology.CLIENTS.size()));
        List<Account> own = accounts.of(client);
        long amount = 1 + random.nextInt(20_000);
        String tag = (channel == Channel.GATEWAY ? "g" : "c") + issuedTag();
        int roll = random.nextInt(100);
        if (roll < 65) {
            Account account = own.get(random.nextInt(own.size()));
            OperationKind kind = roll < 30 ? OperationKind.CREDIT : OperationKind.DEBIT;
            return new Operation(tag, client, channel, key(tag), kind, account.id(), null, amount, account.currency());
        }
        Account from = own.get(random.nextInt(2));
        Account to = from;
        while (to.equals(from)) {
            to = accounts.euro().get(random.nextInt(accounts.euro().size()));
        }
        return new Operation(tag, client, channel, key(tag), OperationKind.TRANSFER, from.id(), to.id(), amount, "EUR");
    }

    private long issuedTag() {
        return tags.incrementAndGet();
    }

    private String key(String tag) {
        return "chaos-" + seed + "-" + tag;
    }

    public long issued() {
        return issued.get();
    }

    /** Workers finish the operation they hold (still retrying it) and take no new one. */
    public void stopIssuing() {
        stoppedAtMillis = clock.millis();
        issuing = false;
    }

    /**
     * Once every fault is healed: each operation still in doubt is sent again with its own key (client-app's
     * share is resolved by client-app's resumer) until it is definite or the deadline passes.
     */
    public void resolve(Duration timeout) throws InterruptedException {
        phase.resolveUntil(clock.millis() + timeout.toMillis());
        for (Thread worker : workers) {
            worker.join(timeout.toMillis() + 30_000);
        }
    }

    /** Operations without a definite answer when the workload stopped issuing. */
    public long inDoubtAtStop() {
        return operations.stream()
                .filter(op -> op.operation.channel() != Channel.SETUP)
                .filter(op -> op.definiteAtMillis < 0 || op.definiteAtMillis > stoppedAtMillis)
                .count();
    }

    public List<OperationResult> results() {
        return operations.stream().map(TrackedOperation::result).toList();
    }

    /**
     * Sends a seeded sample of the gateway's definite operations again with their keys, as a client whose
     * reply was lost would, and keeps both answers for the checker.
     */
    public List<ReplayCheck> replay(int sampleSize, int threads) throws InterruptedException {
        List<TrackedOperation> answered = new ArrayList<>(operations.stream()
                .filter(op -> op.firstBody != null && op.operation.channel() == Channel.GATEWAY)
                .sorted(Comparator.comparingLong(op -> op.issuedAtMillis))
                .toList());
        Collections.shuffle(answered, new Random(seed));
        List<TrackedOperation> sample = answered.subList(0, Math.min(sampleSize, answered.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ReplayCheck>> checks = new ArrayList<>();
            for (TrackedOperation tracked : sample) {
                checks.add(pool.submit(() -> replayOne(tracked)));
            }
            List<ReplayCheck> replays = new ArrayList<>();
            for (Future<ReplayCheck> check : checks) {
                try {
                    replays.add(check.get());
                } catch (ExecutionException ex) {
                    throw new IllegalStateException("Replay failed", ex.getCause());
                }
            }
            return replays;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static final Set<Integer> TRANSIENT = Set.of(409, 429, 500, 502, 503, 504);

    private ReplayCheck replayOne(TrackedOperation tracked) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                response = http.send(gatewaySender.request(tracked.operation), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException ex) {
                Thread.sleep(250);
                continue;
            }
            if (!TRANSIENT.contains(response.statusCode())) {
                break;
            }
            Thread.sleep(250);
        }
        if (response == null) {
            throw new IOException("No answer to the replay of " + tracked.operation.tag());
        }
        return new ReplayCheck(tracked.operation.tag(), tracked.firstStatus, tracked.firstBody, response.statusCode(),
                response.body(), response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true"));
    }

    /** Every account the workload opened: id → owner. */
    public Map<UUID, String> accountOwners() {
        Map<UUID, String> owners = new LinkedHashMap<>();
        accounts.all().forEach(account -> owners.put(account.id(), account.client()));
        return owners;
    }
}
