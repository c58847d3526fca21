package io.plk.orchestrator.plays;

import io.plk.orchestrator.inventory.Role;
import io.plk.orchestrator.plan.AppliedNode;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code <inventory>.nodes.yaml}: the nodes as the last successful apply left them. Written by apply only, read
 * by plan and apply to see who joins, who leaves and whose port moves.
 */
public final class AppliedNodes {
    private AppliedNodes() {
    }

    static Path pathFor(Path inventory) {
        return inventory.resolveSibling(inventory.getFileName() + ".nodes.yaml");
    }

    public static Optional<List<AppliedNode>> read(Path inventory) throws IOException {
        Path file = pathFor(inventory);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, Object> doc = new Yaml().load(Files.readString(file));
        List<AppliedNode> nodes = new ArrayList<>();
        try {
            for (Object entry : (List<?>) doc.get("nodes")) {
                Map<?, ?> node = (Map<?, ?>) entry;
                Set<Role> roles = ((List<?>) node.get("roles")).stream()
                        .map(r -> Role.valueOf(r.toString().toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
                nodes.add(new AppliedNode(((Number) node.get("nodeId")).intValue(), (String) node.get("azId"),
                        (String) node.get("host"), roles,
                        ((Number) node.get("advertisedPort")).intValue()));
            }
        } catch (RuntimeException e) {
            throw new PlayFailedException(file + " is not what apply wrote (" + e + "); nothing was changed. "
                    + "Restore it, or delete it to compare against nothing");
        }
        return Optional.of(List.copyOf(nodes));
    }

    static void write(Plan plan) throws IOException {
        write(plan.inventory().file(), plan.brokers().stream().map(AppliedNode::of).toList());
    }

    /** After {@code nodeId} left the running cluster: the next plan no longer sees it leave. */
    static void forget(Path inventory, int nodeId) throws IOException {
        List<AppliedNode> applied = read(inventory).orElse(List.of());
        write(inventory, applied.stream().filter(n -> n.nodeId() != nodeId).toList());
    }

    private static void write(Path inventory, List<AppliedNode> applied) throws IOException {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (AppliedNode node : applied) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("nodeId", node.nodeId());
            entry.put("azId", node.azId());
            entry.put("host", node.host());
            entry.put("roles", Role.BROKER_FIRST.stream().filter(node.roles()::contains).map(Role::propertyValue)
                    .toList());
            entry.put("advertisedPort", node.advertisedPort());
            nodes.add(entry);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(pathFor(inventory), "# written by apply: the nodes as it left them\n"
                + new Yaml(options).dump(Map.of("nodes", nodes)), StandardCharsets.UTF_8);
    }
}
