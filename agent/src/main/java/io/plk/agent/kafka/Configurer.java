package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Renders server.properties and writes it only when the bytes differ. */
public final class Configurer {
    private final ConfigRenderer renderer = new ConfigRenderer();

    public AgentResult configure(AgentRequest request) throws IOException {
        ConfigFile file = new ConfigFile(Path.of(request.require(request.configFile(), "configFile")));
        String wanted = renderer.render(request.require(request.template(), "template"),
                request.require(request.model(), "model"));
        String before = file.current();
        String hash = ConfigFile.sha256(wanted);
        Map<String, Object> facts = Map.of("configHash", hash, "configFile", request.configFile());
        if (before.equals(wanted)) {
            return AgentResult.ok("configure", "server.properties is up to date", facts);
        }
        String diff = file.diff(wanted);
        if (request.isCheck()) {
            return AgentResult.changed("configure", "would rewrite " + request.configFile(), facts).withDiff(diff);
        }
        file.replace(wanted);
        return AgentResult.changed("configure", "wrote " + request.configFile()
                + (before.isEmpty() ? "" : " (previous kept as .bak)"), facts).withDiff(diff);
    }
}
