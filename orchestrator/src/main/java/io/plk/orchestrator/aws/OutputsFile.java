package io.plk.orchestrator.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes {@link AwsOutputs} next to the inventory as {@code <inventory>.outputs.yaml}. */
public final class OutputsFile {
    private OutputsFile() {
    }

    public static Path pathFor(Path inventory) {
        return inventory.resolveSibling(inventory.getFileName() + ".outputs.yaml");
    }

    /** Writes the file and returns its path. */
    public static Path write(Path inventory, AwsOutputs outputs) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("endpointServiceName", outputs.endpointServiceName());
        doc.put("endpointServiceId", outputs.endpointServiceId());
        doc.put("availabilityZones", new LinkedHashMap<>(outputs.availabilityZones()));
        doc.put("loadBalancerDnsName", outputs.loadBalancerDnsName());
        doc.put("bastionPublicIp", outputs.bastionPublicIp());
        doc.put("brokerPrivateIps", new LinkedHashMap<>(outputs.brokerPrivateIps()));
        doc.put("nextStep", outputs.nextStep());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(200);
        Path file = pathFor(inventory);
        Files.writeString(file, "# written by apply; AWS resources of the inventory " + inventory.getFileName() + "\n"
                + new Yaml(options).dump(doc), StandardCharsets.UTF_8);
        return file;
    }
}
