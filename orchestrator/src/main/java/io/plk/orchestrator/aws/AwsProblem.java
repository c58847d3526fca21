package io.plk.orchestrator.aws;

/** Something wrong in the input, found before any mutating call: the inventory field and what to do. */
public record AwsProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
