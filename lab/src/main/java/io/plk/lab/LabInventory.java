package io.plk.lab;

/** The lab's inventory, following the inventory contract (issue 2), as YAML text. */
final class LabInventory {
    private LabInventory() {
    }

    /** @param passwordFile the cloud user's password file, or null for an unauthenticated EXTERNAL */
    static String yaml(Lab lab, String kafkaArchive, String identityFile, String knownHosts, String passwordFile) {
        StringBuilder y = new StringBuilder();
        y.append("# The local lab '").append(lab.name()).append("', written by `lab/scripts/lab.sh up`.\n");
        y.append("# Rewritten on every `lab up`: the bastion port, the addresses and the key are new each time.\n");
        y.append("cluster:\n");
        y.append("  name: ").append(lab.name()).append('\n');
        y.append("  kafka:\n");
        y.append("    archive: ").append(kafkaArchive).append('\n');
        y.append("  heap: 256m\n");
        y.append("privateLink:\n");
        y.append("  advertisedListenerPattern: \"").append(Lab.LISTENER_PATTERN).append("\"\n");
        y.append("  uniqueName: ").append(Lab.UNIQUE_NAME).append('\n');
        y.append("  brokerIdPrefix: b\n");
        y.append("  bootstrapPort: ").append(Lab.BOOTSTRAP_PORT).append('\n');
        y.append("  firstBrokerPort: ").append(Lab.FIRST_BROKER_PORT).append('\n');
        if (passwordFile == null) {
            y.append("  auth: {mechanism: none}\n");
        } else {
            y.append("  auth:\n    mechanism: SCRAM-SHA-512\n    users:\n      - {name: ").append(Lab.CLOUD_USER)
                    .append(", passwordFile: ").append(passwordFile)
                    .append(", acls: [changefeed, {resource: topic, name: \"*\", operations: [read]}]}\n");
        }
        y.append("ssh:\n");
        y.append("  user: ").append(Lab.USER).append('\n');
        y.append("  identityFile: ").append(identityFile).append('\n');
        y.append("  knownHosts: ").append(knownHosts).append('\n');
        y.append("  strictHostKeyChecking: accept-new\n");
        y.append("  bastion: {host: 127.0.0.1, port: ").append(lab.bastionPort()).append(", user: ")
                .append(Lab.USER).append("}\n");
        y.append("brokers:\n");
        for (LabBroker b : lab.brokers()) {
            y.append("  - {nodeId: ").append(b.nodeId()).append(", azId: ").append(b.azId())
                    .append(", host: ").append(b.privateIp()).append("}\n");
        }
        return y.toString();
    }
}
