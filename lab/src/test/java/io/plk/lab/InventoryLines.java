package io.plk.lab;

import java.util.Map;
import java.util.stream.Collectors;

/** The lab inventory's brokers list edited as an operator would: a node taken out, or given its roles. */
final class InventoryLines {
    private InventoryLines() {
    }

    static String without(String yaml, int nodeId) {
        return yaml.lines().filter(line -> !isNode(line, nodeId)).collect(Collectors.joining("\n", "", "\n"));
    }

    /** @param roles node id to its roles as the inventory writes them, e.g. {@code [broker]} */
    static String withRoles(String yaml, Map<Integer, String> roles) {
        return yaml.lines().map(line -> roles.entrySet().stream().filter(r -> isNode(line, r.getKey())).findFirst()
                .map(r -> line.replace("}", ", roles: " + r.getValue() + "}")).orElse(line))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** {@code yaml} with {@code nodeLine} added after the line of node {@code afterNodeId}. */
    static String withNodeAfter(String yaml, int afterNodeId, String nodeLine) {
        return yaml.lines().map(line -> isNode(line, afterNodeId) ? line + "\n" + nodeLine : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static String lineOf(String yaml, int nodeId) {
        return yaml.lines().filter(line -> isNode(line, nodeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in\n" + yaml));
    }

    private static boolean isNode(String line, int nodeId) {
        return line.contains("{nodeId: " + nodeId + ",");
    }
}
