package io.plk.orchestrator.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes {@link AwsOutputs} next to the inventory as {@code <inventory>.outputs.yaml}, with the fields
 * TiDB Cloud's changefeed needs (its password only as where it is).
 */
public final class OutputsFile {
    private OutputsFile() {
    }

    public static Path pathFor(Path inventory) {
        return inventory.resolveSibling(inventory.getFileName() + ".outputs.yaml");
    }

    /** Writes the file and returns its path. */
    public static Path write(Path inventory, AwsOutputs outputs, Map<String, Object> changefeedSink) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ownerId", outputs.ownerId());
        doc.put("endpointServiceName", outputs.endpointServiceName());
        doc.put("endpointServiceId", outputs.endpointServiceId());
        doc.put("availabilityZones", new LinkedHashMap<>(outputs.availabilityZones()));
        doc.put("loadBalancerDnsName", outputs.loadBalancerDnsName());
        doc.put("bastionPublicIp", outputs.bastionPublicIp());
        doc.put("brokerPrivateIps", new LinkedHashMap<>(outputs.brokerPrivateIps()));
        doc.put("nextStep", outputs.nextStep());
        doc.put("changefeedSink", new LinkedHashMap<>(changefeedSink));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(200);
        Path file = pathFor(inventory);
        Files.writeString(file, "# written by apply; AWS resources of the inventory " + inventory.getFileName() + "\n"
                + new Yaml(options).dump(doc), StandardCharsets.UTF_8);
        return file;
    }

    /** The inventory with the hosts a previous apply provisioned, for commands that run after it. */
    public static io.plk.orchestrator.inventory.Inventory fillHosts(io.plk.orchestrator.inventory.Inventory inventory)
            throws IOException {
        Path file = pathFor(inventory.file());
        if (!Files.exists(file)) {
            return inventory;
        }
        Map<String, Object> doc = new Yaml().load(Files.readString(file));
        @SuppressWarnings("unchecked")
        Map<Integer, String> ips = (Map<Integer, String>) doc.getOrDefault("brokerPrivateIps", Map.of());
        var brokers = inventory.brokers().stream()
                .map(b -> b.host() != null ? b : b.withHost(ips.get(b.nodeId()))).toList();
        var ssh = inventory.ssh().bastion().host() != null ? inventory.ssh()
                : inventory.ssh().withBastionHost((String) doc.get("bastionPublicIp"));
        return inventory.withBrokers(brokers).withSsh(ssh);
    }
}
