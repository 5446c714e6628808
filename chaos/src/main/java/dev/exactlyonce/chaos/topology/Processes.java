package dev.exactlyonce.chaos.topology;

import java.io.IOException;
import java.io.UncheckedIOException;

/** What the harness does to its child processes that the JDK does not do in one call. */
final class Processes {

    private Processes() {
    }

    /** SIGKILL, and wait until the process is gone, so that its port and files are free. */
    static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A signal the JDK cannot send: SIGSTOP or SIGCONT. */
    static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + kill.exitValue());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
