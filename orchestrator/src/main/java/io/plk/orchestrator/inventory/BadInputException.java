package io.plk.orchestrator.inventory;

/** Input found wrong before anything was changed (an option, a node id, a template folder): exit code 2. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
