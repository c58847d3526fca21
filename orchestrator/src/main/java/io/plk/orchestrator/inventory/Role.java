package io.plk.orchestrator.inventory;

import java.util.Locale;
import java.util.Optional;

/** What a KRaft node does: serves clients and replicas, votes in the metadata quorum, or both. */
public enum Role {
    BROKER, CONTROLLER;

    /** The order {@code process.roles} lists them in. */
    public static final java.util.List<Role> BROKER_FIRST = java.util.List.of(BROKER, CONTROLLER);

    /** As in {@code process.roles}: {@code broker}, {@code controller}. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> parse(String value) {
        for (Role role : values()) {
            if (role.propertyValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
