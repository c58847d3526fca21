package io.plk.orchestrator.aws;

/**
 * One planned (or, after apply, made) change to one AWS resource.
 *
 * @param kind   resource kind, e.g. {@code subnet}, {@code security-group}, {@code listener}
 * @param name   the resource's name (Name tag or AWS name)
 * @param detail what exactly changes
 */
public record Change(Action action, String kind, String name, String detail) {
    public enum Action { CREATE, UPDATE, DELETE }

    @Override
    public String toString() {
        String sign = switch (action) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case DELETE -> "-";
        };
        return sign + " " + action.name().toLowerCase() + " " + kind + " " + name + (detail.isEmpty() ? "" : ": " + detail);
    }
}
