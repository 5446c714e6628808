package dev.exactlyonce.localinfra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL and Redis in containers, where a Docker engine runs. */
final class ContainerServers {

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        try {
            // Testcontainers remembers a failed probe for the rest of the JVM.
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    static PostgresServer postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
                .withCommand("postgres", "-c", "max_connections=300");
        container.start();
        return new RunningPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                container::stop);
    }

    @SuppressWarnings("resource")
    static RedisServer redis() {
        GenericContainer<?> container = new GenericContainer<>("redis:6.2-alpine").withExposedPorts(6379);
        container.start();
        return new RedisServer() {
            @Override
            public String host() {
                return container.getHost();
            }

            @Override
            public int port() {
                return container.getMappedPort(6379);
            }

            @Override
            public void stop() {
                container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
            }

            @Override
            public void start() {
                container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
                try {
                    container.execInContainer("redis-cli", "FLUSHALL");
                } catch (Exception ex) {
                    throw new IllegalStateException("Could not empty Redis after restart", ex);
                }
            }
        };
    }
}
