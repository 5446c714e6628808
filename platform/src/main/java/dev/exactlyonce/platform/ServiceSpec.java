package dev.exactlyonce.platform;

import java.util.List;
import java.util.Map;

/**
 * One service of the platform as the local run starts it.
 *
 * @param name what it is called in logs and output
 * @param jar path of its runnable jar, relative to the repository root
 * @param port the HTTP port it listens on
 * @param environment variables that point it at the local servers and its neighbours
 * @param hints lines printed once it is up, telling a newcomer what to try
 */
record ServiceSpec(String name, String jar, int port, Map<String, String> environment, List<String> hints) {

    String url() {
        return "http://localhost:" + port;
    }
}
