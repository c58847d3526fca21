package io.plk.orchestrator.plays;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.protocol.AgentRequest;
import io.plk.orchestrator.kafka.BrokerConfig;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plan.Quorum;
import io.plk.orchestrator.inventory.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the agent on each broker is told: paths, template and model, identity, timeouts. From the plan only. */
public final class BrokerRequests {
    /** As strict as the agent's reader: a misspelled field fails here, before anything is sent, not dropped. */
    private static final ObjectMapper REQUESTS = AgentClient.JSON.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Plan plan;
    private final BrokerConfig config;

    public BrokerRequests(Plan plan) {
        this.plan = plan;
        this.config = new BrokerConfig(plan);
    }

    public Plan plan() {
        return plan;
    }

    public AgentRequest base(BrokerPlan broker) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("kafkaHome", broker.paths().kafkaHome());
        var kafka = plan.inventory().cluster().kafka();
        if (kafka != null) {
            request.put("archive", broker.paths().artifactDir() + "/" + kafka.fileName());
            request.put("sha512", kafka.sha512());
        }
        request.put("javaHome", plan.javaHome(broker).orElse(null));
        request.put("configFile", broker.paths().configFile());
        request.put("template", config.template());
        request.put("model", config.model(broker));
        if (broker.paths().dataDir() != null) {
            request.put("dataDirs", List.of(broker.paths().dataDir()));
        }
        request.put("clusterId", plan.clusterId().orElse(null));
        request.put("nodeId", broker.nodeId());
        request.put("roles", roles(broker));
        if (broker.isController() && plan.quorum().mode() == Quorum.Mode.DYNAMIC) {
            plan.clusterId().ifPresent(id -> request.put("initialControllers", plan.quorum().initialControllers(id)));
        }
        request.put("logDir", broker.paths().logDir());
        request.put("stateDir", broker.paths().stateDir());
        request.put("heap", plan.inventory().cluster().heap());
        request.put("serviceMode", plan.inventory().cluster().service());
        // a controller-only node has no INTERNAL listener: its Admin calls go to the brokers
        request.put("bootstrap", broker.isBroker() ? broker.host() + ":" + plan.ports().internal()
                : plan.internalBootstrap());
        plan.inventory().existing().ifPresent(existing -> {
            request.put("serviceStart", existing.serviceStart());
            request.put("serviceStop", existing.serviceStop());
            request.put("externalPort", plan.ports().external());
            request.put("advertisedExternal", broker.externalAdvertised().toString());
            request.put("externalProtocol", plan.externalSecurityProtocol());
            request.put("externalMechanism", plan.externalAuth().mechanism());
        });
        return REQUESTS.convertValue(request, AgentRequest.class);
    }

    /** As the agent reads them: which questions apply to the node (a controller-only one hosts no replica). */
    static List<String> roles(BrokerPlan broker) {
        return broker.roles().stream().sorted().map(Role::propertyValue).toList();
    }

    /**
     * The {@code users} request: the SCRAM users with their passwords, read now, for the agent's stdin only;
     * their ACLs when the brokers enforce them.
     *
     * @param removeUsers delete the cluster's SCRAM users the inventory lacks, and their ACLs
     */
    public Map<String, Object> users(boolean removeUsers) throws java.io.IOException {
        Map<String, Object> request = new LinkedHashMap<>(login());
        request.put("externalPort", plan.ports().external());
        if (plan.externalAuth().authorizer()) {
            request.put("acls", plan.acls());
        }
        request.put("removeUsers", removeUsers);
        return request;
    }

    /**
     * How an agent logs in on EXTERNAL: as the first SCRAM user, or not at all when EXTERNAL is unauthenticated;
     * over TLS trusting the inventory's CA when EXTERNAL has TLS.
     */
    public Map<String, Object> login() throws java.io.IOException {
        List<Map<String, String>> users = new java.util.ArrayList<>();
        for (var user : plan.externalAuth().users()) {
            users.add(Map.of("name", user.name(), "mechanism", plan.externalAuth().mechanism(),
                    "password", user.password()));
        }
        Map<String, Object> login = new LinkedHashMap<>();
        if (!users.isEmpty()) {
            login.put("scramUsers", users);
        }
        plan.externalTls().ifPresent(tls -> login.put("externalCa", tls.caPem()));
        return login;
    }

    /** What {@code configure} writes besides server.properties: EXTERNAL's keystore, key read now, for stdin only. */
    public Map<String, Object> keystore(BrokerPlan broker) {
        return plan.tlsIdentity(broker).<Map<String, Object>>map(identity -> Map.of("externalKeystore", Map.of(
                "location", broker.paths().externalKeystore(), "certificateChain", identity.chainPem(),
                "privateKey", identity.privateKeyPem()))).orElse(Map.of());
    }

    /**
     * The one converge request of {@code apply}, which {@code plan} sends in check mode: up to the start on a cluster
     * the tool installs; the EXTERNAL patch on one installed by others.
     *
     * @param replaceExternal an existing cluster's EXTERNAL listener that points elsewhere is rewritten, not refused
     */
    public Map<String, Object> converge(BrokerPlan broker, boolean replaceExternal) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (plan.inventory().existing().isPresent()) {
            request.put("steps", List.of("patch", "facts"));
            request.put("replaceExternal", replaceExternal);
        } else {
            request.putAll(keystore(broker));
            request.put("steps", List.of("versions", "install", "configure", "service", "facts"));
        }
        return request;
    }

    public AgentRequest with(BrokerPlan broker, Map<String, Object> overrides) {
        Map<String, Object> request = AgentClient.JSON.convertValue(base(broker), Map.class);
        request.putAll(overrides);
        return REQUESTS.convertValue(request, AgentRequest.class);
    }

    public AgentClient client(BrokerPlan broker) {
        String java = plan.javaHome(broker).map(h -> h + "/bin/java").orElse("java");
        String kafka = broker.paths().kafkaHome().substring(broker.paths().kafkaHome().lastIndexOf('/') + 1);
        return new AgentClient(java, broker.paths().agentJar(),
                broker.paths().stateDir() + "/cds/agent-" + AgentJar.sha256().substring(0, 12) + "-" + kafka + ".jsa");
    }
}
