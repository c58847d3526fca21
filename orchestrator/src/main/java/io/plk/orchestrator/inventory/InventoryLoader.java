package io.plk.orchestrator.inventory;

import io.plk.agent.kafka.KafkaVersion;
import io.plk.orchestrator.aws.AwsPreflight;
import io.plk.orchestrator.aws.AwsSpec;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads an inventory file and checks it completely: the result is either a valid {@link Inventory}
 * or an {@link InventoryException} listing every problem with its path and line.
 */
public final class InventoryLoader {
    static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9-]{1,32}");
    static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
    static final Pattern ABSOLUTE = Pattern.compile("/.*");
    static final Pattern HEAP = Pattern.compile("[0-9]+[kKmMgG]?");
    private static final int MAX_ALIASES = 20;
    private static final int MAX_CODE_POINTS = 1 << 20;
    static final List<String> PATTERN_PLACEHOLDERS = List.of("<broker_id>", "<az_id>", "<unique_name>", "<port>");

    private final Path file;
    private final Path baseDir;
    private final boolean allowSshFromAnywhere;
    private final Problems problems = new Problems();

    private InventoryLoader(Path file, boolean allowSshFromAnywhere) {
        this.file = file;
        this.baseDir = file.toAbsolutePath().getParent();
        this.allowSshFromAnywhere = allowSshFromAnywhere;
    }

    /** Refuses {@code aws.sshFrom} open to every address. */
    public static Inventory load(Path file) {
        return load(file, false);
    }

    /** @param allowSshFromAnywhere accept 0.0.0.0/0 in {@code aws.sshFrom} ({@code --allow-ssh-from-anywhere}) */
    public static Inventory load(Path file, boolean allowSshFromAnywhere) {
        return new InventoryLoader(file, allowSshFromAnywhere).read();
    }

    private Inventory read() {
        Node root = parse();
        YamlSection top = YamlSection.of(root, "", 1, problems);
        top.rejectUnknownKeys(Set.of("cluster", "privateLink", "ssh", "brokers", "aws", "existing"));
        Optional<AwsSpec> aws = top.has("aws") ? Optional.of(aws(top.section("aws"))) : Optional.empty();
        aws.ifPresent(spec -> new AwsNetworkChecks(top.section("aws"), spec).check(allowSshFromAnywhere));
        Optional<ExistingSpec> existing = top.has("existing") ? Optional.of(existing(top.section("existing")))
                : Optional.empty();
        YamlSection clusterSection = top.section("cluster");
        ClusterSpec cluster = cluster(clusterSection, existing.isEmpty());
        PrivateLinkSpec privateLink = privateLink(top.section("privateLink"), existing.isPresent());
        if (privateLink.auth().authorizer()) {
            YamlSection properties = clusterSection.section("properties");
            cluster.properties().keySet().forEach(key -> DerivedProperties.authorizerRefusal(key)
                    .ifPresent(wrong -> properties.problem(key, wrong)));
        }
        SshSpec ssh = ssh(top.section("ssh"), aws.isPresent());
        List<YamlSection> brokerSections = top.sections("brokers");
        List<BrokerSpec> brokers = brokers(top, brokerSections, aws.isPresent());
        privateLink = privateLink.withTls(new TlsSection(top.section("privateLink"), brokerSections, brokers,
                this::resolve).read(privateLink.auth()));
        if (existing.isPresent() && privateLink.tls().isPresent()) {
            top.section("privateLink").problem("tls", "TLS is not added to an existing: cluster yet (the patch writes"
                    + " SASL_PLAINTEXT); remove tls, EXTERNAL still authenticates with privateLink.auth");
        }
        for (int i = 0; i < brokers.size(); i++) {
            if (brokers.get(i).isBroker()) {
                continue;
            }
            if (existing.isPresent()) {
                brokerSections.get(i).problem("roles", "an existing cluster lists only the brokers to expose; its "
                        + "controllers keep their config: remove this node from brokers");
            } else if (aws.isPresent()) {
                brokerSections.get(i).problem("roles", "controller-only nodes are not provisioned by aws: yet (their "
                        + "instances and security groups differ from a broker's); give it roles [broker, controller] "
                        + "or provision its host yourself and drop aws:");
            }
        }
        new CrossChecks(clusterSection, cluster, privateLink, brokers, brokerSections).check();
        ProductionChecks production = new ProductionChecks(top, clusterSection, brokers, brokerSections);
        production.oneRegion();
        if (existing.isEmpty()) {
            boolean allowSingleNode = clusterSection.bool("allowSingleNode", false);
            production.quorum(allowSingleNode);
            production.replicationFactors(cluster.properties(), allowSingleNode);
            production.dataDir(cluster.dataDir(), SshSpec.homeOf(ssh.user()));
        }
        if (!problems.isEmpty()) {
            throw new InventoryException(file, problems.list());
        }
        return new Inventory(file.toAbsolutePath(), cluster, privateLink, ssh, brokers, aws, existing);
    }

    private Node parse() {
        if (!Files.isRegularFile(file)) {
            throw new InventoryException(file, List.of(new Problem("(file)", 0,
                    "no such file; pass the path of an inventory YAML such as inventories/runbook-us-west-2.yaml")));
        }
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            options.setAllowRecursiveKeys(false);
            options.setCodePointLimit(MAX_CODE_POINTS);
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(utf8(Files.readAllBytes(file))));
            if (root == null) {
                throw new InventoryException(file, List.of(new Problem("(file)", 0,
                        "the file is empty; start from inventories/runbook-us-west-2.yaml")));
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InventoryException(file, List.of(new Problem("(syntax)", line,
                    "not valid YAML: " + e.getProblem() + "; check indentation and quoting")));
        } catch (YAMLException e) {
            // SnakeYAML's limits (aliases, size) have no mark: a document of this shape is no inventory
            throw new InventoryException(file, List.of(new Problem("(syntax)", 0, "refused: " + e.getMessage()
                    + "; an inventory needs at most " + MAX_ALIASES + " aliases (*name) of lists or mappings and "
                    + "fewer than " + MAX_CODE_POINTS + " characters: write the values out")));
        } catch (IOException e) {
            throw new InventoryException(file, List.of(new Problem("(file)", 0, "cannot read: " + e.getMessage())));
        }
    }

    private String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InventoryException(file, List.of(new Problem("(file)", line, String.format(
                    "is not UTF-8 (byte 0x%02X at offset %d); save the file as UTF-8", bytes[offset] & 0xff, offset))));
        }
        return out.flip().toString();
    }

    private static final List<String> SERVICE_MODES = List.of("auto", "systemd", "process");

    private ClusterSpec cluster(YamlSection s, boolean installsKafka) {
        s.rejectUnknownKeys(Set.of("name", "clusterId", "kafka", "java", "heap", "dataDir", "ports", "properties",
                "templates", "allowSingleNode", "service", "quorum"));
        String name = s.requiredString("name", "write a name of 1-32 characters a-z, 0-9 and '-', e.g. kafka-pl");
        if (name != null && !CLUSTER_NAME.matcher(name).matches()) {
            s.problem("name", "'" + name + "' is not valid: use 1-32 characters a-z, 0-9 and '-', e.g. kafka-pl");
        }
        String clusterId = s.string("clusterId").orElse(null);
        if (clusterId != null && !CLUSTER_ID.matcher(clusterId).matches()) {
            s.problem("clusterId", "'" + clusterId + "' is not a Kafka cluster id: 22 characters of A-Z a-z 0-9 _ -"
                    + " not starting with '-' (e.g. BRl69zcmTFmiPaoaANybiw), or remove it to have one generated");
        }
        YamlSection kafka = s.section("kafka");
        kafka.rejectUnknownKeys(Set.of("archive", "sha512"));
        Artifact kafkaArchive = artifact(kafka, installsKafka);
        if (kafkaArchive != null && KafkaVersion.ofArchive(kafkaArchive.fileName()).isEmpty()) {
            kafka.problem("archive", "'" + kafkaArchive.fileName() + "' does not name its Kafka version: keep Apache's "
                    + "file name kafka_<scala>-<version>.tgz (e.g. kafka_2.13-4.1.1.tgz); the config depends on it");
        }
        YamlSection java = s.section("java");
        java.rejectUnknownKeys(Set.of("archive", "sha512", "home"));
        Artifact javaArchive = artifact(java, false);
        String javaHome = java.string("home").orElse(null);
        String heap = s.stringMatching("heap", "1g", HEAP, "write a JVM size such as 512m or 1g");
        String dataDir = s.string("dataDir").orElse("data");
        YamlSection ports = s.section("ports");
        ports.rejectUnknownKeys(Set.of("controller", "internal", "external"));
        Ports listenerPorts = new Ports(ports.port("controller", 29092), ports.port("internal", 9092),
                ports.port("external", 39092));
        Map<String, String> properties = s.stringMap("properties");
        YamlSection propertiesSection = s.section("properties");
        for (String key : properties.keySet()) {
            Syntax.propertyKey(key).or(() -> DerivedProperties.refusal(key))
                    .ifPresent(wrong -> propertiesSection.problem(key, wrong));
        }
        Path templates = s.string("templates").map(t -> existingPath(s, "templates", t)).orElse(null);
        String service = s.string("service").orElse("auto");
        if (!installsKafka && s.has("service")) {
            s.problem("service", "says how a cluster this tool installs runs; a running cluster keeps its own: "
                    + "write existing.service instead");
        }
        if (!SERVICE_MODES.contains(service)) {
            s.problem("service", "'" + service + "' is not one of " + String.join(", ", SERVICE_MODES) + ": auto runs "
                    + "Kafka as a systemd unit where the host booted with systemd, else as a detached process");
        }
        String quorum = s.string("quorum").orElse(null);
        if (quorum != null && !List.of("static", "dynamic").contains(quorum)) {
            s.problem("quorum", "'" + quorum + "' is not static or dynamic: dynamic (KIP-853, Kafka 3.9 and later) "
                    + "lets controllers be added, removed and replaced; leave it out to have the tool choose");
        } else if ("dynamic".equals(quorum) && kafkaArchive != null && KafkaVersion.ofArchive(kafkaArchive.fileName())
                .filter(v -> !v.hasDynamicQuorum()).isPresent()) {
            s.problem("quorum", "dynamic needs Kafka 3.9 or later (KIP-853) but cluster.kafka.archive is "
                    + kafkaArchive.fileName() + "; write static, or install a newer Kafka");
        }
        if (quorum != null && !installsKafka) {
            s.problem("quorum", "an existing cluster keeps the quorum it has; remove quorum");
        }
        return new ClusterSpec(name, clusterId, kafkaArchive, javaArchive, javaHome, heap, dataDir, listenerPorts,
                properties, templates, service, quorum);
    }

    private Artifact artifact(YamlSection s, boolean required) {
        Optional<String> location = s.string("archive");
        String sha512 = s.stringMatching("sha512", null, Pattern.compile("[0-9a-fA-F]{128}"),
                "write the 128 hex digits of the archive's SHA-512, or null");
        if (location.isEmpty()) {
            if (required) {
                s.problem("archive", "is required; write the URL or relative path of kafka_2.13-<version>.tgz");
            }
            return null;
        }
        String value = location.get();
        if (value.startsWith("http://") && sha512 == null) {
            s.problem("archive", "'" + value + "' is plain http, which anyone on the way can change; use https:// "
                    + "or add sha512: with the archive's published SHA-512");
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return new Artifact(value, sha512);
        }
        Path resolved = existingPath(s, "archive", value);
        return new Artifact(resolved == null ? value : resolved.toString(), sha512);
    }

    private Path existingPath(YamlSection s, String key, String value) {
        Path path = expandHome(value);
        Path resolved = path.isAbsolute() ? path : baseDir.resolve(path).normalize();
        if (!Files.exists(resolved)) {
            s.problem(key, "'" + value + "' does not exist (looked for " + resolved + "); paths are relative to "
                    + "the inventory file's folder");
            return null;
        }
        return resolved;
    }

    private PrivateLinkSpec privateLink(YamlSection s, boolean runningCluster) {
        s.rejectUnknownKeys(Set.of("advertisedListenerPattern", "uniqueName", "brokerIdPrefix", "bootstrapPort",
                "firstBrokerPort", "auth", "tls"));
        String pattern = s.requiredString("advertisedListenerPattern",
                "copy the Kafka Advertised Listener Pattern from TiDB Cloud, e.g. "
                        + "\"<broker_id>.<az_id>.<unique_name>.aws.plc.tidbcloud.com:<port>\"");
        if (pattern != null) {
            Syntax.listenerPattern(pattern).ifPresent(wrong -> s.problem("advertisedListenerPattern", wrong));
        }
        String uniqueName = s.string("uniqueName").orElse(PrivateLinkSpec.UNIQUE_NAME_PLACEHOLDER);
        if (!uniqueName.equals(PrivateLinkSpec.UNIQUE_NAME_PLACEHOLDER)) {
            PrivateLinkSpec.uniqueNameProblem(uniqueName)
                    .ifPresent(wrong -> s.problem("uniqueName", wrong + " (or the placeholder unique_name)"));
        }
        String prefix = s.stringMatching("brokerIdPrefix", "b", Pattern.compile("[a-z0-9-]{0,20}"),
                "use a short prefix of a-z, 0-9 and '-', e.g. b");
        return new PrivateLinkSpec(pattern, uniqueName, prefix, s.port("bootstrapPort", 9092),
                s.port("firstBrokerPort", 9093), new AuthSection(s, this::resolve, runningCluster).read(), Optional.empty());
    }

    private SshSpec ssh(YamlSection s, boolean awsCreatesKey) {
        s.rejectUnknownKeys(Set.of("user", "identityFile", "knownHosts", "strictHostKeyChecking", "bastion"));
        String user = s.string("user", Syntax::user).orElse("ec2-user");
        Path identity = null;
        Optional<String> identityFile = s.string("identityFile");
        if (identityFile.isEmpty()) {
            s.problem("identityFile", "is required; write the path of the SSH private key, e.g. "
                    + "~/.ssh/kafka-vpc-key-pair.pem");
        } else {
            identity = resolve(identityFile.get());
            if (!awsCreatesKey && !Files.isRegularFile(identity)) {
                s.problem("identityFile", "'" + identityFile.get() + "' does not exist (looked for " + identity
                        + "); point it at your key pair's .pem, or add an aws: section to create one");
            }
        }
        Path knownHosts = resolve(s.string("knownHosts").orElse("~/.ssh/known_hosts"));
        String strict = s.stringMatching("strictHostKeyChecking", "accept-new", Pattern.compile("yes|accept-new"),
                "write yes or accept-new");
        YamlSection b = s.section("bastion");
        b.rejectUnknownKeys(Set.of("host", "port", "user"));
        String host = b.string("host", Syntax::host).orElse(null);
        if (host == null && !awsCreatesKey) {
            b.problem("host", "is required; write the bastion's public address (or add an aws: section)");
        }
        BastionSpec bastion = new BastionSpec(host, b.port("port", 22), b.string("user", Syntax::user).orElse(user));
        return new SshSpec(user, identity, knownHosts, strict, bastion);
    }

    private List<BrokerSpec> brokers(YamlSection top, List<YamlSection> entries, boolean awsProvidesHosts) {
        if (entries.isEmpty()) {
            top.problem("brokers", "is required; list at least one broker: - {nodeId: 1, azId: usw2-az1, host: 10.0.0.12}");
        }
        List<BrokerSpec> brokers = new ArrayList<>();
        for (YamlSection b : entries) {
            b.rejectUnknownKeys(Set.of("nodeId", "azId", "host", "advertisedPort", "configFile", "tls", "roles"));
            Integer nodeId = b.integer("nodeId", null);
            if (nodeId == null) {
                b.problem("nodeId", "is required; write the broker's node.id, a whole number >= 0");
            } else if (nodeId < 0) {
                b.problem("nodeId", nodeId + " is negative; node.id must be >= 0");
            }
            String azId = b.requiredString("azId", "write the AZ ID shown by TiDB Cloud, e.g. usw2-az1");
            if (azId != null) {
                Syntax.azId(azId).ifPresent(wrong -> b.problem("azId", wrong));
            }
            String host = b.string("host", Syntax::host).orElse(null);
            if (host == null && !awsProvidesHosts) {
                b.problem("host", "is required; write the broker's private address (or add an aws: section)");
            }
            Integer advertisedPort = b.has("advertisedPort") ? b.port("advertisedPort", null) : null;
            String configFile = b.stringMatching("configFile", null, ABSOLUTE, "write an absolute path");
            Set<Role> roles = roles(b);
            if (advertisedPort != null && !roles.contains(Role.BROKER)) {
                b.problem("advertisedPort", "a controller-only node has no EXTERNAL listener and no load balancer "
                        + "port; remove advertisedPort or add broker to its roles");
            }
            brokers.add(new BrokerSpec(nodeId == null ? -1 : nodeId, azId, host, advertisedPort, configFile, roles));
        }
        return brokers;
    }

    private static Set<Role> roles(YamlSection b) {
        if (!b.has("roles")) {
            return BrokerSpec.COMBINED;
        }
        Set<Role> roles = new java.util.LinkedHashSet<>();
        for (YamlSection.Item item : b.items("roles")) {
            Role.parse(item.value()).ifPresentOrElse(roles::add, () -> b.problem(item, "'" + item.value()
                    + "' is not a role; write broker, controller or both, e.g. roles: [broker]"));
        }
        if (roles.isEmpty()) {
            b.problem("roles", "is empty; write [broker], [controller] or [broker, controller] (the default)");
            return BrokerSpec.COMBINED;
        }
        return roles;
    }

    private ExistingSpec existing(YamlSection s) {
        s.rejectUnknownKeys(Set.of("configFile", "kafkaHome", "service"));
        String configFile = s.stringMatching("configFile", null, ABSOLUTE, "write the absolute path of the live "
                + "server.properties, e.g. /opt/kafka/config/server.properties");
        if (configFile == null) {
            s.problem("configFile", "is required; write the absolute path of the live server.properties, e.g. "
                    + "/opt/kafka/config/server.properties");
        }
        // optional: absent, it is read from each broker's running kafka.Kafka process
        String kafkaHome = s.stringMatching("kafkaHome", null, ABSOLUTE, "write the absolute path of the Kafka "
                + "installation (the folder with libs/)");
        YamlSection service = s.section("service");
        service.rejectUnknownKeys(Set.of("systemd", "start", "stop"));
        Optional<String> unit = service.string("systemd", Syntax::systemdUnit);
        Optional<List<String>> start = service.command("start");
        Optional<List<String>> stop = service.command("stop");
        boolean valid = unit.isPresent() ? start.isEmpty() && stop.isEmpty() : start.isPresent() && stop.isPresent();
        if (!valid) {
            s.problem("service", "write how the cluster is run today: {systemd: kafka} or {start: [<program>, "
                    + "<argument>...], stop: [<program>, <argument>...]}");
        }
        return unit.map(u -> new ExistingSpec(configFile, kafkaHome, List.of("sudo", "systemctl", "start", u),
                        List.of("sudo", "systemctl", "stop", u)))
                .orElseGet(() -> new ExistingSpec(configFile, kafkaHome, start.orElse(List.of()),
                        stop.orElse(List.of())));
    }

    private AwsSpec aws(YamlSection s) {
        s.rejectUnknownKeys(Set.of("region", "endpoint", "vpcCidr", "brokerSubnets", "bastionSubnet", "sshFrom",
                "keyPair", "ami", "bastionInstanceType", "brokerInstanceType", "loadBalancer", "endpointService",
                "ownerId"));
        String region = s.requiredString("region", "write the AWS region of your TiDB cluster, e.g. us-west-2");
        URI endpoint = s.string("endpoint").map(URI::create).orElse(null);
        YamlSection bastionSubnet = s.section("bastionSubnet");
        bastionSubnet.rejectUnknownKeys(Set.of("azId", "cidr"));
        YamlSection lb = s.section("loadBalancer");
        lb.rejectUnknownKeys(Set.of("name", "allowFrom", "crossZone"));
        YamlSection service = s.section("endpointService");
        service.rejectUnknownKeys(Set.of("allowedPrincipals", "acceptanceRequired"));
        if (service.strings("allowedPrincipals").isEmpty()) {
            service.problem("allowedPrincipals", "is required; write TiDB Cloud's principal, e.g. "
                    + "[\"arn:aws:iam::<account_id>:root\"]");
        }
        AwsPreflight.anyPrincipalProblem(service.strings("allowedPrincipals"), service.bool("acceptanceRequired", true))
                .ifPresent(m -> service.problem("allowedPrincipals", m));
        return new AwsSpec(region, endpoint, s.string("vpcCidr").orElse("10.0.0.0/16"),
                new LinkedHashMap<>(s.stringMap("brokerSubnets")),
                bastionSubnet.requiredString("azId", "write the AZ ID of the bastion's public subnet, e.g. usw2-az1"),
                bastionSubnet.string("cidr").orElse("10.0.192.0/18"), s.strings("sshFrom"),
                s.string("keyPair").orElse("kafka-vpc-key-pair"), s.string("ami").orElse(null),
                s.string("bastionInstanceType").orElse("t2.small"), s.string("brokerInstanceType").orElse("t2.large"),
                lb.string("name").orElse("kafka-lb"), lb.strings("allowFrom"), lb.bool("crossZone", false),
                service.strings("allowedPrincipals"), service.bool("acceptanceRequired", true),
                s.stringMatching("ownerId", null, AwsSpec.OWNER_ID, "the ownership id apply wrote here is 12 hex digits"
                        + " a-f 0-9; put back the one your cluster's resources are tagged plk:owner with"));
    }

    private Path resolve(String value) {
        Path path = expandHome(value);
        return path.isAbsolute() ? path : baseDir.resolve(path).normalize();
    }

    private static Path expandHome(String value) {
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + value.substring(1));
        }
        return Path.of(value);
    }
}
