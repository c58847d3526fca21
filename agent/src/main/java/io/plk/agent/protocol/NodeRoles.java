package io.plk.agent.protocol;

import java.util.ArrayList;
import java.util.List;

/** What a KRaft node is ({@code process.roles}): a broker, a controller, or both. */
public record NodeRoles(boolean broker, boolean controller) {
    public static final NodeRoles COMBINED = new NodeRoles(true, true);

    /** @throws BadRequestException for an empty list or a role Kafka does not know */
    public static NodeRoles of(List<String> roles) {
        for (String role : roles) {
            if (!role.equals("broker") && !role.equals("controller")) {
                throw new BadRequestException("roles: '" + role + "' is neither broker nor controller");
            }
        }
        if (roles.isEmpty()) {
            throw new BadRequestException("roles is empty: give broker, controller or both");
        }
        return new NodeRoles(roles.contains("broker"), roles.contains("controller"));
    }

    /** From server.properties' {@code process.roles}, e.g. {@code broker,controller}. */
    public static NodeRoles ofProcessRoles(String processRoles) {
        return of(List.of(processRoles.trim().split("\\s*,\\s*")));
    }

    public boolean controllerOnly() {
        return controller && !broker;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (broker) {
            names.add("broker");
        }
        if (controller) {
            names.add("controller");
        }
        return names;
    }
}
