package io.plk.lab;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.plk.orchestrator.plan.Endpoint;
import io.plk.orchestrator.plan.LoadBalancerListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The runbook's AWS network on this machine, as containers of one image:
 * <ul>
 *   <li>network {@code <name>-vpc} (internal: no way in or out but through the hosts on it):
 *       the brokers, the bastion and the load balancer;</li>
 *   <li>network {@code <name>-public}: the bastion only, its port 22 published on the host;</li>
 *   <li>network {@code <name>-edge} (internal): the load balancer and the client only.</li>
 * </ul>
 * Brokers accept {@code ec2-user} only from the bastion's VPC address, so a tool that works here
 * provably goes through the bastion. Every container and network carries {@code plk.lab=<name>}.
 */
public final class Lab implements AutoCloseable {
    public static final String CLOUD_USER = "tidb-cdc";
    public static final String IMAGE = "localhost/plk-lab-node:bookworm-3";
    public static final String LABEL = "plk.lab";
    public static final String USER = "ec2-user";
    public static final int BOOTSTRAP_PORT = 9092;
    public static final int FIRST_BROKER_PORT = 9093;
    public static final int EXTERNAL_PORT = 39092;
    public static final String LISTENER_PATTERN = "<broker_id>.<az_id>.<unique_name>.aws.plc.tidbcloud.com:<port>";
    public static final String UNIQUE_NAME = "unique_name";

    private static final long MIB = 1024L * 1024;
    private static final long BROKER_MEMORY = 1024 * MIB;   // Kafka with a 256-384 MiB heap, plus the agent
    private static final long BASTION_MEMORY = 512 * MIB;   // sshd and the agent serving staged files
    private static final long CLIENT_MEMORY = 512 * MIB;    // a Kafka client JVM
    private static final long BALANCER_MEMORY = 128 * MIB;
    /** Under systemd the units' output goes to the journal, not the container's log: ask the host instead. */
    private static final String SSHD_UP = "systemctl is-active --quiet lab-sshd && grep -q ':0016 ' /proc/net/tcp";
    private static final String IDLE = "trap 'exit 0' TERM INT; sleep infinity & wait";

    private final LabOptions options;
    private final LabKeys keys;
    private final LabHost bastion;
    private final int bastionPort;
    private final List<LabBroker> brokers;
    private final LoadBalancer loadBalancer;
    private final Client client;

    private Lab(LabOptions options, LabKeys keys, LabHost bastion, int bastionPort, List<LabBroker> brokers,
                LoadBalancer loadBalancer, Client client) {
        this.options = options;
        this.keys = keys;
        this.bastion = bastion;
        this.bastionPort = bastionPort;
        this.brokers = List.copyOf(brokers);
        this.loadBalancer = loadBalancer;
        this.client = client;
    }

    /**
     * Starts a lab. Fails when the image is missing or a lab of the same name still exists; on any
     * failure while starting, removes what it had started.
     */
    public static Lab start(LabOptions options) {
        DockerClient docker = DockerClientFactory.instance().client();
        requireImage(docker);
        if (options.keepAfterExit() && !TestcontainersConfiguration.getInstance().environmentSupportsReuse()) {
            throw new IllegalStateException("containers that outlive the JVM need TESTCONTAINERS_REUSE_ENABLE=true "
                    + "(lab/scripts/env.sh sets it)");
        }
        if (!resources(docker, options.name()).isEmpty()) {
            throw new IllegalStateException("a lab named '" + options.name() + "' exists already ("
                    + resources(docker, options.name()) + "); remove it with `lab/scripts/lab.sh down --name "
                    + options.name() + "`");
        }
        try {
            return new Starter(docker, options).start();
        } catch (RuntimeException e) {
            down(options.name());
            throw e;
        }
    }

    /** Removes every container and network labelled {@code plk.lab=<name>}; returns how many. */
    public static int down(String name) {
        DockerClient docker = DockerClientFactory.instance().client();
        int removed = 0;
        for (var container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL, name)).exec()) {
            try {
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed++;
            } catch (NotFoundException gone) {
                // removed meanwhile: that is the goal
            }
        }
        for (var network : docker.listNetworksCmd().withFilter("label", List.of(LABEL + "=" + name)).exec()) {
            try {
                docker.removeNetworkCmd(network.getId()).exec();
                removed++;
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        return removed;
    }

    public String name() {
        return options.name();
    }

    public LabHost bastion() {
        return bastion;
    }

    /** The bastion's SSH port on 127.0.0.1. */
    public int bastionPort() {
        return bastionPort;
    }

    /** The bastion's address on the VPC network: the only source the brokers' sshd accepts. */
    public String bastionPrivateIp() {
        return bastion.ip(network("vpc"));
    }

    public List<LabBroker> brokers() {
        return brokers;
    }

    public LabBroker broker(int nodeId) {
        return brokers.stream().filter(b -> b.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the lab has no broker " + nodeId));
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public Client client() {
        return client;
    }

    /** The PEM RSA private key ec2-user logs in with everywhere (mode 0600). */
    public Path identityFile() {
        return keys.identityFile();
    }

    /**
     * The password of {@link #CLOUD_USER}, the user the cloud side logs in with on EXTERNAL: random for each
     * lab, in a file only its owner reads, as the inventory's passwordFile.
     */
    public Path cloudPasswordFile() {
        Path file = options.workDir().resolve("secrets").resolve(CLOUD_USER).toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                byte[] random = new byte[18];
                new java.security.SecureRandom().nextBytes(random);
                Files.writeString(file, java.util.Base64.getUrlEncoder().encodeToString(random) + "\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's password file " + file, e);
        }
    }

    public String cloudPassword() {
        try {
            return Files.readString(cloudPasswordFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empty when the lab starts: the hosts' keys are new with every lab. */
    public Path knownHosts() {
        return keys.knownHosts();
    }

    /** The load balancer's initial port map, as the inventory's privateLink defaults give it. */
    public List<LoadBalancerListener> defaultListeners() {
        List<LoadBalancerListener> listeners = new ArrayList<>();
        listeners.add(new LoadBalancerListener(name() + "-bootstrap", BOOTSTRAP_PORT, null,
                brokers.stream().map(b -> new Endpoint(b.privateIp(), EXTERNAL_PORT)).toList()));
        for (int i = 0; i < brokers.size(); i++) {
            LabBroker b = brokers.get(i);
            listeners.add(new LoadBalancerListener(name() + "-b" + b.nodeId(), FIRST_BROKER_PORT + i, b.nodeId(),
                    List.of(new Endpoint(b.privateIp(), EXTERNAL_PORT))));
        }
        return listeners;
    }

    /** {@code b1.usw2-az1.<uniqueName>.aws.plc.tidbcloud.com}, ... for every broker. */
    public List<String> advertisedNames(String uniqueName) {
        return brokers.stream().map(b -> LISTENER_PATTERN
                .replace("<broker_id>", "b" + b.nodeId())
                .replace("<az_id>", b.azId())
                .replace("<unique_name>", uniqueName)
                .replace(":<port>", "")).toList();
    }

    /**
     * Writes the lab's inventory; paths in it are relative to the inventory's folder.
     *
     * @param kafkaArchive the Kafka tgz the orchestrator will install, e.g.
     *                     {@code kafka-dist/target/kafka_2.13-3.7.1.tgz}
     */
    public void writeInventory(Path inventory, Path kafkaArchive) {
        writeInventory(inventory, kafkaArchive, true);
    }

    /** @param authenticated EXTERNAL with SCRAM-SHA-512 and {@link #CLOUD_USER}, or the runbook's PLAINTEXT */
    public void writeInventory(Path inventory, Path kafkaArchive, boolean authenticated) {
        Path dir = inventory.toAbsolutePath().getParent();
        String yaml = LabInventory.yaml(this, rel(dir, kafkaArchive), rel(dir, identityFile()), rel(dir, knownHosts()),
                authenticated ? rel(dir, cloudPasswordFile()) : null);
        try {
            Files.createDirectories(dir);
            Files.writeString(inventory, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab inventory " + inventory, e);
        }
    }

    private static String rel(Path from, Path to) {
        return from.relativize(to.toAbsolutePath().normalize()).toString();
    }

    /** What is running, for people. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("lab ").append(name()).append(" (image ").append(IMAGE).append(")\n");
        s.append(String.format("  bastion        127.0.0.1:%d -> %s:22 (vpc %s)%n", bastionPort,
                bastion.containerId().substring(0, 12), bastionPrivateIp()));
        for (LabBroker b : brokers) {
            s.append(String.format("  broker %-7d %s %s (ssh only from %s)%n", b.nodeId(), b.azId(), b.privateIp(),
                    bastionPrivateIp()));
        }
        s.append(String.format("  load balancer  %s (edge) ports %s%n", loadBalancer.edgeIp(),
                loadBalancer.listeners().stream().map(l -> Integer.toString(l.port())).toList()));
        s.append(String.format("  client         container %s, edge network only%n", client.host().containerId()
                .substring(0, 12)));
        s.append("  key            ").append(identityFile()).append('\n');
        s.append("  known_hosts    ").append(knownHosts()).append('\n');
        return s.toString();
    }

    @Override
    public void close() {
        down(name());
    }

    String network(String suffix) {
        return name() + "-" + suffix;
    }

    private static void requireImage(DockerClient docker) {
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("image " + IMAGE + " is missing: build it with "
                    + "`sudo lab/scripts/build-image.sh` (or `docker build -t " + IMAGE + " lab/`)");
        }
    }

    private static List<String> resources(DockerClient docker, String name) {
        List<String> found = new ArrayList<>();
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, name)).exec()
                .forEach(c -> found.add("container " + String.join(",", c.getNames())));
        docker.listNetworksCmd().withFilter("label", List.of(LABEL + "=" + name)).exec()
                .forEach(n -> found.add("network " + n.getName()));
        return found;
    }

    /** Creates the networks and containers in dependency order. */
    private static final class Starter {
        private final DockerClient docker;
        private final LabOptions options;
        private final String sshdScript = resource("sshd-host.sh");

        Starter(DockerClient docker, LabOptions options) {
            this.docker = docker;
            this.options = options;
        }

        Lab start() {
            String name = options.name();
            LabKeys keys = LabKeys.create(options.workDir(), USER + "@" + name);
            String publicNet = createNetwork(name + "-public", false);
            String vpc = createNetwork(name + "-vpc", true);
            String edge = createNetwork(name + "-edge", true);

            GenericContainer<?> bastion = sshHost("bastion", publicNet, BASTION_MEMORY, keys.publicKey(), null)
                    .withExposedPorts(22);
            bastion.start();
            docker.connectToNetworkCmd().withContainerId(bastion.getContainerId()).withNetworkId(vpc).exec();
            LabHost bastionHost = new LabHost("bastion", bastion);
            String bastionIp = bastionHost.ip(name + "-vpc");

            List<GenericContainer<?>> brokerContainers = new ArrayList<>();
            String subnet = docker.inspectNetworkCmd().withNetworkId(vpc).exec().getIpam().getConfig().get(0)
                    .getSubnet();
            for (int i = 1; i <= options.brokers(); i++) {
                // brokers boot systemd, as an EC2 host does: the agent runs Kafka as a unit there; and keep their
                // address when the container restarts (a reboot), as an instance keeps its private IP
                String address = fixedAddress(subnet, i);
                brokerContainers.add(sshHost("broker-" + i, name + "-vpc", BROKER_MEMORY, keys.publicKey(), bastionIp)
                        .withCommand("/sbin/init").waitingFor(Wait.forSuccessfulCommand(SSHD_UP))
                        .withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(address)));
            }
            GenericContainer<?> balancer = idleHost("load-balancer", name + "-vpc", BALANCER_MEMORY);
            GenericContainer<?> client = idleHost("client", name + "-edge", CLIENT_MEMORY);
            List<GenericContainer<?>> rest = new ArrayList<>(brokerContainers);
            rest.add(balancer);
            rest.add(client);
            Startables.deepStart(rest).join();
            docker.connectToNetworkCmd().withContainerId(balancer.getContainerId()).withNetworkId(edge).exec();

            List<LabBroker> brokers = new ArrayList<>();
            for (int i = 0; i < brokerContainers.size(); i++) {
                LabHost host = new LabHost("broker-" + (i + 1), brokerContainers.get(i));
                brokers.add(new LabBroker(i + 1, "usw2-az" + (i % 3 + 1), host.ip(name + "-vpc"), host));
            }
            LabHost balancerHost = new LabHost("load-balancer", balancer);
            LoadBalancer loadBalancer = new LoadBalancer(balancerHost, balancerHost.ip(name + "-edge"));
            Lab lab = new Lab(options, keys, bastionHost, bastion.getMappedPort(22), brokers, loadBalancer,
                    new Client(new LabHost("client", client), loadBalancer.edgeIp()));
            loadBalancer.route(lab.defaultListeners());
            lab.client().mapNames(lab.advertisedNames(UNIQUE_NAME));
            return lab;
        }

        /** Broker i at .100+i of a /24 (or wider) subnet: clear of the addresses the engine hands out from .2 up. */
        private static String fixedAddress(String subnet, int broker) {
            String[] octets = subnet.substring(0, subnet.indexOf('/')).split("\\.");
            return octets[0] + "." + octets[1] + "." + octets[2] + "." + (100 + broker);
        }

        private String createNetwork(String networkName, boolean internal) {
            return docker.createNetworkCmd().withName(networkName).withDriver("bridge").withInternal(internal)
                    .withLabels(Map.of(LABEL, options.name())).exec().getId();
        }

        private GenericContainer<?> sshHost(String role, String network, long memory, String publicKey,
                                            String allowFrom) {
            GenericContainer<?> c = base(role, network, memory)
                    .withCopyToContainer(Transferable.of(sshdScript.getBytes(StandardCharsets.UTF_8), 0755),
                            "/usr/local/sbin/lab-sshd")
                    .withEnv("AUTHORIZED_KEY", publicKey)
                    .withCommand("/usr/local/sbin/lab-sshd")
                    .waitingFor(Wait.forLogMessage(".*Server listening on 0\\.0\\.0\\.0 port 22.*", 1));
            if (allowFrom != null) {
                c.withEnv("ALLOW_FROM", allowFrom);
            }
            return c;
        }

        private GenericContainer<?> idleHost(String role, String network, long memory) {
            return base(role, network, memory).withCommand("bash", "-c", IDLE);
        }

        private GenericContainer<?> base(String role, String network, long memory) {
            String name = options.name();
            return new GenericContainer<>(DockerImageName.parse(IMAGE))
                    .withNetworkMode(network)
                    .withLabel(LABEL, name)
                    .withLabel(LABEL + ".role", role)
                    .withReuse(options.keepAfterExit())
                    .withCreateContainerCmdModifier(cmd -> {
                        cmd.withName(name + "-" + role).withHostName(role);
                        cmd.getHostConfig().withMemory(memory);
                    });
        }

        private static String resource(String file) {
            try (InputStream in = Lab.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource io/plk/lab/" + file);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
