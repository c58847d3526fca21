package io.plk.orchestrator.plan;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.inventory.Artifact;
import io.plk.orchestrator.inventory.ExternalAuth;
import io.plk.orchestrator.inventory.ExternalTls;
import io.plk.orchestrator.inventory.TlsIdentity;
import io.plk.orchestrator.inventory.Inventory;
import io.plk.agent.kafka.KafkaVersion;
import io.plk.orchestrator.inventory.Ports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one plan every step reads: brokers with their listeners and advertised addresses, the
 * controller quorum, the load balancer's port map and the artifacts to install.
 */
public record Plan(
        Inventory inventory,
        String clusterName,
        Optional<String> clusterId,
        Ports ports,
        int bootstrapPort,
        List<BrokerPlan> brokers,
        Quorum quorum,
        Optional<KafkaVersion> kafkaVersion) {

    public Plan {
        brokers = List.copyOf(brokers);
    }

    public static Plan of(Inventory inventory) {
        List<BrokerPlan> brokers = new ArrayList<>();
        var privateLink = inventory.privateLink();
        var existing = inventory.existing();
        Ports ports = inventory.cluster().ports();
        for (var spec : inventory.brokers()) {
            int port = spec.isBroker() ? privateLink.advertisedPort(spec) : 0;
            String host = spec.host() != null ? spec.host() : "{broker-node" + spec.nodeId() + "-ip}";
            brokers.add(node(inventory, spec.nodeId(), spec.azId(), host, port, spec.roles(), spec.configFile()));
        }
        Optional<KafkaVersion> version = existing.isPresent() ? Optional.empty()
                : KafkaVersion.ofArchive(inventory.cluster().kafka().fileName());
        Quorum quorum = new Quorum(Quorum.choose(inventory.cluster().quorum(), inventory.cluster().clusterId() == null,
                version), brokers.stream().filter(BrokerPlan::isController).toList());
        Plan plan = new Plan(inventory, inventory.cluster().name(),
                Optional.ofNullable(inventory.cluster().clusterId()), ports, privateLink.bootstrapPort(), brokers,
                quorum, version);
        CertificateNames.check(plan);
        return plan;
    }

    private static BrokerPlan node(Inventory inventory, int nodeId, String azId, String host, int port,
            java.util.Set<io.plk.orchestrator.inventory.Role> roles, String configFile) {
        var privateLink = inventory.privateLink();
        var existing = inventory.existing();
        String brokerId = privateLink.brokerIdPrefix() + nodeId;
        String externalHost = port == 0 ? null : privateLink.pattern()
                .replace("<broker_id>", brokerId)
                .replace("<az_id>", azId)
                .replace("<unique_name>", privateLink.uniqueName())
                .replace("<port>", Integer.toString(port)).replaceFirst(":[^:]*$", "");
        RemotePaths paths = existing.map(e -> RemotePaths.existing(inventory.ssh().user(), e.kafkaHome(),
                        configFile != null ? configFile : e.configFile()))
                .orElseGet(() -> RemotePaths.of(inventory.ssh().user(), kafkaFolder(inventory.cluster().kafka()),
                        inventory.cluster().dataDir()));
        return new BrokerPlan(nodeId, azId, host, brokerId, externalHost, port,
                new Endpoint(host, inventory.cluster().ports().controller()), paths, roles);
    }

    /** A node the last apply left running that is no longer in the inventory, as the steps that take it out see it. */
    public BrokerPlan leaving(AppliedNode applied) {
        return node(inventory, applied.nodeId(), applied.azId(), applied.host(), applied.advertisedPort(),
                applied.roles(), null);
    }

    /**
     * The names a TLS client checks this broker's certificate against: TiDB Cloud's TLS Server Name when the
     * inventory sets one, else the broker's advertised EXTERNAL name.
     */
    public List<String> tlsNames(BrokerPlan broker) {
        return externalTls().flatMap(ExternalTls::serverName).map(List::of).orElse(List.of(broker.externalHost()));
    }

    /**
     * The CONTROLLER endpoint {@code advertised.listeners} carries for this node, when its Kafka version
     * takes one (see {@link KafkaVersion#advertisesController()}).
     */
    public Optional<Endpoint> advertisedController(BrokerPlan broker) {
        return kafkaVersion.filter(KafkaVersion::advertisesController).filter(v -> broker.isController())
                .map(v -> broker.controller());
    }

    /** {@code kafka_2.13-3.7.1.tgz} unpacks to {@code kafka_2.13-3.7.1}, as Apache's archives do. */
    static String kafkaFolder(Artifact archive) {
        return archive.fileName().replaceFirst("\\.(tgz|tar\\.gz)$", "");
    }

    public BrokerPlan broker(int nodeId) {
        return brokers.stream().filter(b -> b.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new BadInputException("no broker with node.id " + nodeId));
    }

    /** The nodes with the broker role: the ones clients, replicas and the load balancer reach. */
    public List<BrokerPlan> brokerNodes() {
        return brokers.stream().filter(BrokerPlan::isBroker).toList();
    }

    /** Bootstrap first, then one port per broker, all forwarding to the EXTERNAL listener; none for controllers. */
    public List<LoadBalancerListener> loadBalancerListeners() {
        List<LoadBalancerListener> listeners = new ArrayList<>();
        listeners.add(new LoadBalancerListener(clusterName + "-bootstrap", bootstrapPort, null,
                brokerNodes().stream().map(b -> new Endpoint(b.host(), ports.external())).toList()));
        for (BrokerPlan b : brokerNodes()) {
            listeners.add(new LoadBalancerListener(clusterName + "-" + b.brokerId(), b.advertisedPort(), b.nodeId(),
                    List.of(new Endpoint(b.host(), ports.external()))));
        }
        return listeners;
    }

    /** INTERNAL bootstrap for clients inside the VPC, e.g. {@code 10.0.0.12:9092,...}. */
    public String internalBootstrap() {
        return brokerNodes().stream().map(b -> b.host() + ":" + ports.internal()).collect(Collectors.joining(","));
    }

    public Optional<Path> templatesDir() {
        return Optional.ofNullable(inventory.cluster().templates());
    }

    /** JAVA_HOME on a broker: the inventory's, the unpacked java archive, or none (java on PATH). */
    public Optional<String> javaHome(BrokerPlan broker) {
        if (inventory.cluster().javaHome() != null) {
            return Optional.of(inventory.cluster().javaHome());
        }
        return inventory.cluster().javaArchive() == null ? Optional.empty()
                : Optional.of(broker.paths().stateDir() + "/jdk");
    }

    /** Whether some broker's Kafka home is not known yet: an {@code existing:} cluster without kafkaHome. */
    public boolean lacksKafkaHomes() {
        return brokers.stream().anyMatch(b -> b.paths().kafkaHome() == null);
    }

    /** The plan with each broker's Kafka home as found on the broker (existing clusters without kafkaHome). */
    public Plan withKafkaHomes(Map<Integer, String> homes) {
        List<BrokerPlan> found = brokers.stream().map(b -> b.paths().kafkaHome() != null ? b
                : b.withPaths(RemotePaths.existing(inventory.ssh().user(), homes.get(b.nodeId()),
                        b.paths().configFile()))).toList();
        return new Plan(inventory, clusterName, clusterId, ports, bootstrapPort, found, quorum.withControllers(found),
                kafkaVersion);
    }

    public Plan withClusterId(String id) {
        return new Plan(inventory, clusterName, Optional.of(id), ports, bootstrapPort, brokers, quorum, kafkaVersion);
    }

    public ExternalAuth externalAuth() {
        return inventory.privateLink().auth();
    }

    /** The ACLs every SCRAM user gets, presets expanded; none without the authorizer (ACLs are then left alone). */
    public List<io.plk.agent.protocol.UserAcl> acls() {
        return AclBindings.of(externalAuth());
    }

    /** What verify asks EXTERNAL as the first user to prove the ACLs hold; absent without the authorizer. */
    public Optional<io.plk.agent.protocol.AccessProbe> accessProbe() {
        return AclBindings.probe(externalAuth());
    }

    public Optional<ExternalTls> externalTls() {
        return inventory.privateLink().tls();
    }

    /**
     * EXTERNAL's security protocol: SASL_SSL with TLS (which needs authentication), SASL_PLAINTEXT when its
     * clients authenticate, else the runbook's PLAINTEXT.
     */
    public String externalSecurityProtocol() {
        return externalTls().isPresent() ? "SASL_SSL" : externalAuth().enabled() ? "SASL_PLAINTEXT" : "PLAINTEXT";
    }

    /** What this broker presents on EXTERNAL when it speaks TLS. */
    public Optional<TlsIdentity> tlsIdentity(BrokerPlan broker) {
        return externalTls().filter(tls -> broker.isBroker()).map(tls -> tls.identity(broker.nodeId()));
    }

    /** What TiDB Cloud's changefeed is given: it logs in as the first user. */
    public ChangefeedSink changefeedSink() {
        ExternalAuth auth = externalAuth();
        var user = auth.users().isEmpty() ? null : auth.users().get(0);
        return new ChangefeedSink(bootstrapPort, auth.mechanism(), user == null ? null : user.name(),
                user == null ? null : user.source(), externalSecurityProtocol().endsWith("SSL"),
                externalTls().flatMap(ExternalTls::serverName).orElse(null));
    }

    public Plan withKafka(Artifact archive) {
        return new Plan(inventory.withCluster(inventory.cluster().withKafka(archive)), clusterName, clusterId, ports,
                bootstrapPort, brokers, quorum, kafkaVersion);
    }

    public Map<String, String> properties() {
        return inventory.cluster().properties();
    }
}
