package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code service}: on a host that runs Kafka under systemd, the node's unit is written, reloaded and
 * enabled when its text differs; elsewhere it says how Kafka runs there. Nothing is started or stopped.
 */
public final class UnitWriter {

    public AgentResult ensure(AgentRequest request) throws Exception {
        ServiceMode mode = ServiceMode.of(request);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("serviceMode", mode.name().toLowerCase(java.util.Locale.ROOT));
        if (mode != ServiceMode.SYSTEMD) {
            return AgentResult.ok("service", mode == ServiceMode.DETACHED ? "no systemd on this host: Kafka runs as"
                    + " a detached process" : "the cluster's own start and stop commands run Kafka", facts);
        }
        KafkaUnit unit = new KafkaUnit(request.require(request.nodeId(), "nodeId"));
        facts.put("unit", unit.name());
        Path stateDir = Path.of(request.require(request.stateDir(), "stateDir"));
        KafkaProcess kafka = new KafkaProcess(Path.of(request.require(request.configFile(), "configFile")), stateDir);
        String wanted = unit.render(kafka.command(Java.binary(request.javaHome()),
                request.require(request.kafkaHome(), "kafkaHome"), request.heap() == null ? "1g" : request.heap(),
                Path.of(request.require(request.logDir(), "logDir"))), System.getProperty("user.name"));
        String before = unit.current();
        if (before.equals(wanted)) {
            return AgentResult.ok("service", unit.name() + " is up to date", facts);
        }
        String diff = ConfigFile.unifiedDiff(before, wanted, unit.file().toString());
        if (request.isCheck()) {
            return AgentResult.changed("service", "would write and enable " + unit.file(), facts).withDiff(diff);
        }
        String failure = unit.install(wanted, stateDir);
        if (failure != null) {
            return AgentResult.failed("service", failure, facts);
        }
        return AgentResult.changed("service", "wrote and enabled " + unit.file() + ": Kafka starts at boot and after a"
                + " crash", facts).withDiff(diff);
    }
}
