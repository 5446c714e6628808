package dev.exactlyonce.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis Cluster on 127.0.0.1: masters that share the 16384 slots, each with its replicas, from the same
 * redis-server binary as {@link EmbeddedServers#redis}. Tests run the idempotency store and filter on it, and kill
 * a master to watch its replica take over.
 *
 * <p>The cluster is assembled the way {@code redis-cli --cluster create} does it, with plain cluster commands
 * ({@code MEET}, {@code ADDSLOTS}, {@code REPLICATE}), because the embedded artifact ships no redis-cli. A short
 * node timeout (1 s) makes a failover take seconds instead of the default's tens of seconds; the replica
 * validity factor 0 lets a replica take over however long its master was silent.
 */
public final class RedisCluster {

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);

    /** The number of hash slots of every Redis Cluster. */
    public static final int SLOTS = 16384;

    private static final String HOST = "127.0.0.1";
    private static final Duration ASSEMBLY = Duration.ofSeconds(60);

    private final List<Node> nodes;

    private RedisCluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** The cluster of this JVM (3 masters, 3 replicas), started on first use and stopped when the JVM exits. */
    public static RedisCluster shared() {
        return Shared.CLUSTER;
    }

    /** Started when first asked for: the JVM initialises this class once, on first use, under a lock. */
    private static final class Shared {

        static final RedisCluster CLUSTER = start(3, 1);
    }

    /**
     * Starts {@code masters} masters with {@code replicasPerMaster} replicas each and waits until the cluster
     * serves every slot and every replica has synchronised with its master.
     */
    public static RedisCluster start(int masters, int replicasPerMaster) {
        if (masters < 3 || replicasPerMaster < 0) {
            throw new IllegalArgumentException("A Redis Cluster needs at least 3 masters and no negative replica count; got "
                    + masters + " masters with " + replicasPerMaster + " replicas each");
        }
        List<Node> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "redis-cluster-shutdown"));
        for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
            Node node = new Node(freeClusterPort(nodes));
            nodes.add(node);
            node.start();
        }
        List<String> ids = nodes.stream().map(node -> (String) node.call("CLUSTER", "MYID")).toList();
        for (Node node : nodes.subList(1, nodes.size())) {
            node.call("CLUSTER", "MEET", HOST, String.valueOf(nodes.get(0).port()));
        }
        for (int m = 0; m < masters; m++) {
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = SLOTS * m / masters; slot < SLOTS * (m + 1) / masters; slot++) {
                command.add(String.valueOf(slot));
            }
            nodes.get(m).call(command.toArray(String[]::new));
        }
        await("every node to know every other", () -> nodes.stream().allMatch(node -> {
            String known = (String) node.call("CLUSTER", "NODES");
            return known.lines().count() == nodes.size() && !known.contains("handshake");
        }));
        for (int r = masters; r < nodes.size(); r++) {
            nodes.get(r).call("CLUSTER", "REPLICATE", ids.get((r - masters) % masters));
        }
        cluster.awaitHealthy(ASSEMBLY);
        log.info("Redis Cluster of {} masters and {} replicas on {}", masters, masters * replicasPerMaster,
                cluster.nodesProperty());
        return cluster;
    }

    /** Every node's address as {@code host:port}, comma-separated, as {@code spring.data.redis.cluster.nodes} takes them. */
    public String nodesProperty() {
        return nodes.stream().map(node -> HOST + ":" + node.port()).collect(Collectors.joining(","));
    }

    /** Spring properties that point a Boot application at this cluster. */
    public Map<String, String> springProperties() {
        return Map.of("spring.data.redis.cluster.nodes", nodesProperty());
    }

    /** The port of the live master that serves {@code slot} now. */
    public int masterOf(int slot) {
        for (Node node : nodes) {
            if (node.running()) {
                for (Object range : (List<?>) node.call("CLUSTER", "SLOTS")) {
                    List<?> served = (List<?>) range;
                    if (((Long) served.get(0)) <= slot && slot <= ((Long) served.get(1))) {
                        return ((Long) ((List<?>) served.get(2)).get(1)).intValue();
                    }
                }
                throw new IllegalStateException("No master serves slot " + slot);
            }
        }
        throw new IllegalStateException("No node of the cluster runs");
    }

    /** Kills the node on {@code port} (SIGKILL), as a crashed host would vanish. */
    public void kill(int port) {
        node(port).kill();
    }

    /** Starts the node on {@code port} again with its cluster state; a killed master returns as a replica. */
    public void restart(int port) {
        node(port).start();
    }

    /**
     * Waits until every running node says the cluster is OK, every slot is served by a running master, and every
     * running replica has synchronised with its master: after a failover, the promoted replica serves the slots
     * and any restarted node follows it.
     */
    public void awaitHealthy(Duration timeout) {
        await("the cluster to be healthy", timeout, () -> nodes.stream().filter(Node::running).allMatch(node -> {
            for (Object range : (List<?>) node.call("CLUSTER", "SLOTS")) {
                int master = ((Long) ((List<?>) ((List<?>) range).get(2)).get(1)).intValue();
                if (!node(master).running()) {
                    return false;
                }
            }
            String info = (String) node.call("CLUSTER", "INFO");
            if (!info.contains("cluster_state:ok")) {
                return false;
            }
            String replication = (String) node.call("INFO", "replication");
            return replication.contains("role:master") || replication.contains("master_link_status:up");
        }));
    }

    /** Kills every node: clients see connection failures until {@link #start()}. */
    public void stop() {
        nodes.forEach(Node::kill);
    }

    /** Starts every stopped node again with its cluster state (empty of data) and waits until the cluster is healthy. */
    public void start() {
        nodes.stream().filter(node -> !node.running()).forEach(Node::start);
        awaitHealthy(ASSEMBLY);
    }

    private Node node(int port) {
        return nodes.stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node of this cluster listens on " + port));
    }

    private static void await(String what, BooleanSupplier done) {
        await(what, ASSEMBLY, done);
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // A node still starting, or one that was just killed: ask again.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Gave up after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, ex);
            }
        }
    }

    /**
     * A port that is free together with its cluster bus port (the port plus 10000, fixed in Redis 6.2), so taken
     * below the ephemeral range: an ephemeral port plus 10000 may not exist.
     */
    private static int freeClusterPort(List<Node> taken) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (taken.stream().noneMatch(node -> node.port() == port) && free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port pair between 20000 and 40000");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** One redis-server of the cluster; its cluster state ({@code nodes.conf}) lives in a directory of its own. */
    private static final class Node {

        private final int port;
        private final Path directory;
        private redis.embedded.RedisServer server;

        Node(int port) {
            this.port = port;
            try {
                this.directory = Files.createTempDirectory("redis-cluster-" + port + "-");
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        int port() {
            return port;
        }

        synchronized boolean running() {
            return server != null;
        }

        synchronized void start() {
            try {
                server = redis.embedded.RedisServer.newRedisServer()
                        .port(port)
                        .bind(HOST)
                        .setting("dir " + directory)
                        .setting("cluster-enabled yes")
                        .setting("cluster-config-file nodes.conf")
                        .setting("cluster-node-timeout 1000")
                        .setting("cluster-replica-validity-factor 0")
                        // No snapshots: a test server starts empty and must not write dump files around.
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .onShutdownForceStop(true)
                        .build();
                server.start();
            } catch (IOException ex) {
                server = null;
                throw new UncheckedIOException("Could not start Redis Cluster node on port " + port, ex);
            }
        }

        synchronized void kill() {
            if (server != null) {
                try {
                    server.stop();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                } finally {
                    server = null;
                }
            }
        }

        Object call(String... command) {
            return Resp.call(HOST, port, command);
        }
    }
}
