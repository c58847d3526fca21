package io.plk.agent.protocol;

/** The request cannot be acted on: a missing field or an unknown command. Exit code 2. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
