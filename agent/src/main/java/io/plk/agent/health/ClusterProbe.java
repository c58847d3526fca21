package io.plk.agent.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/** Reads the cluster through the Admin client into a {@link ClusterState}. */
public final class ClusterProbe implements AutoCloseable {
    private final Admin admin;
    private final Duration timeout;

    public ClusterProbe(String bootstrap, Duration timeout) {
        this(bootstrap, timeout, new Properties());
    }

    /** @param login client settings of the user to log in as (see {@code ClientLogin}) */
    public ClusterProbe(String bootstrap, Duration timeout, Properties login) {
        this.timeout = timeout;
        Properties config = new Properties();
        config.putAll(login);
        if (bootstrap != null) {
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(config);
    }

    /**
     * Through the controllers themselves (KIP-919, Kafka 3.7+): a controller-only node asks its own quorum,
     * whether or not any broker is up yet.
     */
    public static ClusterProbe ofControllers(List<String> controllers, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, String.join(",", controllers));
        return new ClusterProbe(null, timeout, config);
    }

    public Admin admin() {
        return admin;
    }

    /** Brokers that are registered and unfenced: the only ones DescribeCluster returns. */
    public Set<Integer> liveBrokers() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                .map(Node::id).collect(Collectors.toSet());
    }

    public List<Node> advertisedNodes() throws ExecutionException, InterruptedException, TimeoutException {
        return new ArrayList<>(admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** @param fetchTimeoutMs the broker's controller.quorum.fetch.timeout.ms: what "caught up" means */
    public ClusterState capture(long fetchTimeoutMs) throws ExecutionException, InterruptedException, TimeoutException {
        Set<Integer> live = liveBrokers();
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Integer> minIsr = minInsyncReplicas(topics);
        List<PartitionState> partitions = new ArrayList<>();
        for (TopicDescription topic : descriptions.values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                partitions.add(new PartitionState(topic.name(), p.partition(), ids(p.replicas()), ids(p.isr()),
                        p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id(),
                        minIsr.getOrDefault(topic.name(), 1)));
            }
        }
        return new ClusterState(live, partitions, quorum(fetchTimeoutMs));
    }

    public QuorumState quorum(long fetchTimeoutMs) throws ExecutionException, InterruptedException, TimeoutException {
        QuorumInfo info = admin.describeMetadataQuorum().quorumInfo().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new QuorumState(info.leaderId(), info.leaderEpoch(), info.highWatermark(), replicas(info.voters()),
                fetchTimeoutMs, replicas(info.observers()));
    }

    private static List<VoterState> replicas(List<QuorumInfo.ReplicaState> replicas) {
        return replicas.stream().map(v -> new VoterState(v.replicaId(), v.logEndOffset(),
                v.lastFetchTimestamp().orElse(-1), v.lastCaughtUpTimestamp().orElse(-1))).toList();
    }

    private Map<String, Integer> minInsyncReplicas(Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<ConfigResource> resources = new HashSet<>();
        topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return configs.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(),
                e -> {
                    var entry = e.getValue().get("min.insync.replicas");
                    return entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
                }));
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
