package io.plk.orchestrator.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runbook's test inventory, edited by one replacement per case, written beside its key. */
public final class RunbookInventory {
    static final Path DIR = Path.of("src/test/resources/inventories");
    public static final String TEXT = read();
    /** The runbook's three combined nodes, as {@link #TEXT} lists them. */
    public static final String COMBINED_NODES = "  - {nodeId: 1, azId: usw2-az1, host: 10.0.0.12}\n"
            + "  - {nodeId: 2, azId: usw2-az2, host: 10.0.64.12}\n"
            + "  - {nodeId: 3, azId: usw2-az3, host: 10.0.128.12}\n";
    /** Three controller-only nodes, one per AZ: with broker-only nodes after them, a dedicated topology. */
    public static final String THREE_CONTROLLERS = """
              - {nodeId: 1, azId: usw2-az1, host: 10.0.0.21, roles: [controller]}
              - {nodeId: 2, azId: usw2-az2, host: 10.0.64.21, roles: [controller]}
              - {nodeId: 3, azId: usw2-az3, host: 10.0.128.21, roles: [controller]}
            """;
    /** Where {@link #withAws} appends the aws: section: its lines are 25 to 32. */
    static final String LAST_BROKER = "host: 10.0.128.12}\n";
    private static final String AWS = """
            aws:
              region: us-west-2
              vpcCidr: 10.0.0.0/16
              brokerSubnets: {usw2-az1: 10.0.0.0/18, usw2-az2: 10.0.64.0/18, usw2-az3: 10.0.128.0/18}
              bastionSubnet: {azId: usw2-az1, cidr: 10.0.192.0/18}
              sshFrom: [203.0.113.7/32]
              loadBalancer: {name: kafka-lb, allowFrom: [10.100.0.0/16]}
              endpointService: {allowedPrincipals: ["arn:aws:iam::123456789012:root"]}
            """;

    private RunbookInventory() {
    }

    /** Loads the edited inventory and returns the file, after asserting the problem at {@code path}. */
    static Path assertRefused(String find, String replace, String path, int line, String words) throws IOException {
        assertTrue(TEXT.contains(find), "test setup: base inventory lacks " + find);
        Path file = write(TEXT.replace(find, replace));
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(file));
        Problem problem = e.problems().stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + path + " in:\n" + e.getMessage()));
        assertEquals(line, problem.line(), e.getMessage());
        assertTrue(problem.message().contains(words), problem.toString());
        return file;
    }

    /** What replaces {@link #LAST_BROKER}: itself, then the aws: section with one replacement. */
    static String withAws(String find, String replace) {
        if (!AWS.contains(find)) {
            throw new IllegalArgumentException("test setup: the aws: section lacks " + find);
        }
        return LAST_BROKER + AWS.replace(find, replace);
    }

    /** {@link #TEXT} with these nodes in brokers: instead of the combined ones. */
    public static String withNodes(String nodes) {
        return TEXT.replace(COMBINED_NODES, nodes);
    }

    public static Path write(String yaml) throws IOException {
        Path dir = Files.createTempDirectory("inventory");
        Files.copy(DIR.resolve("test-key.pem"), dir.resolve("test-key.pem"));
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String read() {
        try {
            return Files.readString(DIR.resolve("runbook.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
