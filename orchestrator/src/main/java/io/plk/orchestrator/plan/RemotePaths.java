package io.plk.orchestrator.plan;

import io.plk.orchestrator.inventory.SshSpec;

/**
 * Where things live on a broker. The layout follows the runbook ({@code ~/kafka_2.13-3.7.1},
 * {@code ~/config/server.properties}, {@code ~/data}, {@code ~/log}); the agent's own state sits in
 * {@code ~/.plk}.
 */
public record RemotePaths(String home, String kafkaHome, String configFile, String dataDir, String logDir,
        String stateDir) {

    static RemotePaths of(String user, String kafkaFolder, String dataDir) {
        String home = SshSpec.homeOf(user);
        String data = dataDir.startsWith("/") ? dataDir : home + "/" + dataDir;
        return new RemotePaths(home, home + "/" + kafkaFolder, home + "/config/server.properties", data,
                home + "/log", home + "/.plk");
    }

    /** A cluster installed by someone else: its own Kafka and config file, Apache's default log folder. */
    static RemotePaths existing(String user, String kafkaHome, String configFile) {
        RemotePaths ours = of(user, "", "data");
        return new RemotePaths(ours.home(), kafkaHome, configFile, null, kafkaHome == null ? null : kafkaHome + "/logs",
                ours.stateDir());
    }

    /**
     * EXTERNAL's PEM keystore (key and certificate chain) beside server.properties: Kafka reads it at start
     * as part of its configuration, while the state dir holds the agent's caches and artifacts, which may go.
     */
    public String externalKeystore() {
        return configFile.substring(0, configFile.lastIndexOf('/') + 1) + "external-tls.pem";
    }

    public String artifactDir() {
        return stateDir + "/artifacts";
    }

    public String agentJar() {
        return artifactDir() + "/agent.jar";
    }
}
