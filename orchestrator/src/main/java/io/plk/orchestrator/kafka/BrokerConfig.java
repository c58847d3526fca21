package io.plk.orchestrator.kafka;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.agent.kafka.ConfigRenderer;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plan.Quorum;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * server.properties of each broker: the template (the user's folder or the built-in one) and the
 * model it reads. The agent renders the same pair on the broker; {@code render} does it locally.
 */
public final class BrokerConfig {
    public static final String TEMPLATE = "server.properties.ftl";
    private final Plan plan;
    private final String template;

    public BrokerConfig(Plan plan) {
        this.plan = plan;
        this.template = loadTemplate(plan);
    }

    public String template() {
        return template;
    }

    public Map<String, Object> model(BrokerPlan broker) {
        Map<String, Object> brokerModel = new LinkedHashMap<>();
        brokerModel.put("nodeId", broker.nodeId());
        brokerModel.put("azId", broker.azId());
        brokerModel.put("host", broker.host());
        brokerModel.put("brokerId", broker.brokerId());
        brokerModel.put("roles", broker.processRoles());
        if (broker.isBroker()) {
            brokerModel.put("externalHost", broker.externalHost());
            brokerModel.put("advertisedPort", broker.advertisedPort());
        }
        brokerModel.put("dataDir", broker.paths().dataDir());
        plan.advertisedController(broker).ifPresent(c -> brokerModel.put("controllerAdvertised", c.toString()));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("cluster", Map.of("name", plan.clusterName(), "id", plan.clusterId().orElse("")));
        model.put("broker", brokerModel);
        model.put("ports", Map.of("controller", plan.ports().controller(), "internal", plan.ports().internal(),
                "external", plan.ports().external()));
        Map<String, Object> external = new LinkedHashMap<>(Map.of("securityProtocol", plan.externalSecurityProtocol()));
        if (plan.externalAuth().enabled()) {
            external.put("mechanism", plan.externalAuth().mechanism());
        }
        external.put("authorizer", plan.externalAuth().authorizer());
        plan.tlsIdentity(broker).ifPresent(identity -> external.put("tls", Map.of(
                "keystore", broker.paths().externalKeystore(), "fingerprints", identity.fingerprints())));
        model.put("external", external);
        if (plan.quorum().mode() == Quorum.Mode.DYNAMIC) {
            model.put("quorumBootstrapServers", plan.quorum().bootstrapServers());
        } else {
            model.put("quorumVoters", plan.quorum().voters());
        }
        model.put("properties", plan.properties());
        return model;
    }

    public String render(BrokerPlan broker) {
        return new ConfigRenderer().render(template, model(broker));
    }

    private static String loadTemplate(Plan plan) {
        try {
            if (plan.templatesDir().isPresent()) {
                Path file = plan.templatesDir().get().resolve(TEMPLATE);
                if (!Files.isRegularFile(file)) {
                    throw new BadInputException("cluster.templates is " + plan.templatesDir().get()
                            + " but it holds no " + TEMPLATE + "; copy templates/" + TEMPLATE + " there");
                }
                return Files.readString(file);
            }
            try (InputStream in = BrokerConfig.class.getResourceAsStream("/templates/" + TEMPLATE)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in template is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
