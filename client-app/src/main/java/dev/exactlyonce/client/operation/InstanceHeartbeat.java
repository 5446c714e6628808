package dev.exactlyonce.client.operation;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Registers this process in the journal before it serves anything, and keeps its heartbeat fresh so that the
 * other replicas leave its leases and open attempts alone. A process that stops (killed, or shut down) simply
 * stops beating; the others notice after {@code client.journal.instance-timeout}.
 *
 * <p>Registered as the context starts (a lifecycle phase before the web server's), not when the bean is
 * created: scheduled heartbeats begin only once the context is up, and a registration made early in a slow
 * start-up would look dead to the other replicas before the first beat.
 */
@Component
class InstanceHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceHeartbeat.class);

    private final Journal journal;

    private final String host;

    private volatile boolean running;

    InstanceHeartbeat(Journal journal) {
        this.journal = journal;
        this.host = host();
    }

    @Override
    public void start() {
        journal.heartbeat(host);
        running = true;
        log.info("client-app instance {} ({}) joined the journal", journal.instance(), host);
    }

    /**
     * Nothing to undo. The beats stop before this: Spring cancels scheduled tasks as soon as the context starts to
     * close, before the web server drains. A replica that drains for longer than the instance timeout therefore
     * looks dead, and another may resume its operations; with their journaled keys, so the bank applies each once.
     */
    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (and with it the first submission) starts. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Scheduled(fixedDelayString = "${client.journal.heartbeat-interval:5s}")
    void beat() {
        if (journal.heartbeat(host)) {
            log.warn("client-app instance {} was taken for dead (no heartbeat within the instance timeout): its "
                    + "rounds in flight stop at their next attempt, other instances resume them", journal.instance());
        }
    }

    /** Names the process for a person reading the instance table: host (the pod's name in Kubernetes) and pid. */
    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException ex) {
            name = "unknown";
        }
        String host = name + "/" + ProcessHandle.current().pid();
        return host.length() > 255 ? host.substring(0, 255) : host;
    }
}
