package io.plk.orchestrator.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a user's {@code acls}: the preset {@code changefeed}, a mapping (the preset with a topic
 * prefix, or one explicit entry), or a list of either. Names are written as in Kafka's tools, in any
 * case, with or without underscores ({@code describeConfigs}, {@code DESCRIBE_CONFIGS}).
 */
final class AclsSection {
    static final String EXAMPLE = "write acls: changefeed (what TiDB Cloud's changefeed needs, on every topic), "
            + "acls: {preset: changefeed, topicPrefix: tidb-}, or a list of entries such as "
            + "[{resource: topic, name: orders, operations: [write, describe]}]";
    static final String CLUSTER_NAME = "kafka-cluster";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    /** The operations Kafka accepts on each resource type (its AclEntry.supportedOperations). */
    private static final Map<String, List<String>> OPERATIONS = new LinkedHashMap<>();

    static {
        OPERATIONS.put("TOPIC", List.of("READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE", "DESCRIBE_CONFIGS",
                "ALTER_CONFIGS", "ALL"));
        OPERATIONS.put("GROUP", List.of("READ", "DESCRIBE", "DELETE", "ALL"));
        OPERATIONS.put("CLUSTER", List.of("CREATE", "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS",
                "IDEMPOTENT_WRITE", "ALTER", "DESCRIBE", "ALL"));
        OPERATIONS.put("TRANSACTIONAL_ID", List.of("DESCRIBE", "WRITE", "ALL"));
    }

    private AclsSection() {
    }

    /** The grants of {@code user}'s acls (present); problems are recorded with their path and line. */
    static List<AclGrant> read(YamlSection user) {
        List<AclGrant> grants = new ArrayList<>();
        switch (user.shape("acls")) {
            case VALUE -> user.string("acls").flatMap(v -> preset(v, m -> user.problem("acls", m)))
                    .ifPresent(grants::add);
            case MAPPING -> mapping(user.section("acls")).ifPresent(grants::add);
            case LIST -> {
                List<YamlSection.Element> elements = user.elements("acls");
                if (elements.isEmpty()) {
                    user.problem("acls", "lists no ACL: the user could log in and do nothing; " + EXAMPLE);
                }
                for (YamlSection.Element e : elements) {
                    (e.mapping() != null ? mapping(e.mapping())
                            : preset(e.value().value(), m -> user.problem(e.value(), m))).ifPresent(grants::add);
                }
            }
            default -> user.problem("acls", "is required with the authorizer on (privateLink.auth.authorizer, the "
                    + "default): " + EXAMPLE + "; or set authorizer: false");
        }
        return grants;
    }

    /** The preset named {@code value}, every topic; else {@code wrong} is told why. */
    private static Optional<AclGrant> preset(String value, Consumer<String> wrong) {
        if (!value.equals("changefeed")) {
            wrong.accept("'" + value + "' is not a preset: the one preset is changefeed; " + EXAMPLE);
            return Optional.empty();
        }
        return Optional.of(new AclGrant.Changefeed(null));
    }

    private static Optional<AclGrant> mapping(YamlSection acl) {
        if (acl.has("preset")) {
            acl.rejectUnknownKeys(Set.of("preset", "topicPrefix"));
            Optional<String> prefix = acl.string("topicPrefix", p -> NAME.matcher(p).matches() ? Optional.empty()
                    : Optional.of("'" + p + "' is not a topic name prefix: use 1-249 characters A-Z a-z 0-9 . _ -;"
                    + " leave topicPrefix out for every topic"));
            return acl.string("preset").flatMap(v -> preset(v, m -> acl.problem("preset", m)))
                    .map(p -> new AclGrant.Changefeed(prefix.filter(v -> NAME.matcher(v).matches()).orElse(null)));
        }
        acl.rejectUnknownKeys(Set.of("resource", "name", "pattern", "operations", "preset"));
        String resource = acl.requiredString("resource", "write topic, group, cluster or transactionalId");
        if (resource == null) {
            return Optional.empty();
        }
        String type = kafkaName(resource);
        if (!OPERATIONS.containsKey(type)) {
            acl.problem("resource", "'" + resource + "' is not a resource type: write topic, group, cluster or "
                    + "transactionalId");
            return Optional.empty();
        }
        String pattern = kafkaName(acl.string("pattern").orElse("literal"));
        if (!Set.of("LITERAL", "PREFIXED").contains(pattern)) {
            acl.problem("pattern", "'" + acl.string("pattern").orElse("") + "' is not a pattern: write literal (the "
                    + "name itself, or * for every one) or prefixed (every name starting with it)");
            return Optional.empty();
        }
        String name = name(acl, type, pattern);
        List<String> operations = operations(acl, type);
        return name == null || operations.isEmpty() ? Optional.empty()
                : Optional.of(new AclGrant.Entry(type, name, pattern, operations));
    }

    private static String name(YamlSection acl, String type, String pattern) {
        if (type.equals("CLUSTER")) {
            String name = acl.string("name").orElse(CLUSTER_NAME);
            if (!name.equals(CLUSTER_NAME) || pattern.equals("PREFIXED")) {
                acl.problem(acl.has("name") ? "name" : "pattern", "the cluster is one resource, named "
                        + CLUSTER_NAME + ": leave name and pattern out");
                return null;
            }
            return name;
        }
        String name = acl.requiredString("name", "write the " + type.toLowerCase().replace('_', ' ')
                + "'s name, or \"*\" for every one");
        if (name == null) {
            return null;
        }
        if (name.equals("*") && pattern.equals("PREFIXED")) {
            acl.problem("name", "\"*\" already means every name; a prefixed \"*\" would match only names starting "
                    + "with '*': write pattern: literal, or a real prefix");
            return null;
        }
        if (!name.equals("*") && !NAME.matcher(name).matches()) {
            acl.problem("name", "'" + name + "' is not valid: use 1-249 characters A-Z a-z 0-9 . _ -, or \"*\" for "
                    + "every one");
            return null;
        }
        return name;
    }

    private static List<String> operations(YamlSection acl, String type) {
        List<YamlSection.Item> items = acl.items("operations");
        if (items.isEmpty()) {
            acl.problem("operations", "is required: list what the user may do, e.g. [write, describe]; on a "
                    + readableName(type) + ": " + readableOperations(type));
            return List.of();
        }
        Set<String> operations = new LinkedHashSet<>();
        for (YamlSection.Item item : items) {
            String operation = kafkaName(item.value());
            if (OPERATIONS.get(type).contains(operation)) {
                operations.add(operation);
            } else {
                acl.problem(item, "'" + item.value() + "' is not an operation on a " + readableName(type) + ": use "
                        + readableOperations(type));
            }
        }
        return List.copyOf(operations);
    }

    /** {@code describeConfigs}, {@code describe_configs}, {@code DescribeConfigs} -> {@code DESCRIBE_CONFIGS}. */
    static String kafkaName(String written) {
        return written.replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toUpperCase();
    }

    /** {@code DESCRIBE_CONFIGS} -> {@code describeConfigs}, as the README writes it. */
    static String readableName(String kafka) {
        String[] words = kafka.toLowerCase().split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    private static String readableOperations(String type) {
        return String.join(", ", OPERATIONS.get(type).stream().map(AclsSection::readableName).toList());
    }
}
