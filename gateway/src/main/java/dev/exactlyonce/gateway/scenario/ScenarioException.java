package dev.exactlyonce.gateway.scenario;

/** The scenario could not be played (the gateway is unreachable, the fault mode is off, ...). */
public class ScenarioException extends RuntimeException {

    ScenarioException(String message) {
        super(message);
    }

    ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
