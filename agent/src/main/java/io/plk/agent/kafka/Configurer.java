package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.TlsKeystore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders server.properties and writes it only when the bytes differ; with TLS on EXTERNAL, first the
 * keystore file it names (so the config never points at a file that is not there yet).
 */
public final class Configurer {
    private final ConfigRenderer renderer = new ConfigRenderer();

    public AgentResult configure(AgentRequest request) throws IOException {
        ConfigFile file = new ConfigFile(Path.of(request.require(request.configFile(), "configFile")));
        String wanted = renderer.render(request.require(request.template(), "template"),
                request.require(request.model(), "model"));
        String before = file.current();
        String hash = ConfigFile.sha256(wanted);
        Map<String, Object> facts = new LinkedHashMap<>(Map.of("configHash", hash, "configFile", request.configFile()));
        List<String> changes = new ArrayList<>();
        TlsKeystore keystore = request.externalKeystore();
        if (keystore != null) {
            facts.put("keystore", keystore.location());
            if (new KeystoreFile(Path.of(keystore.location())).converge(keystore.pem(), request.isCheck())) {
                changes.add((request.isCheck() ? "would write " : "wrote ") + keystore.location() + " (0600)");
            }
        }
        if (before.equals(wanted)) {
            return changes.isEmpty() ? AgentResult.ok("configure", "server.properties is up to date"
                    + (keystore == null ? "" : ", and so is " + keystore.location()), facts)
                    : AgentResult.changed("configure", changes.get(0) + "; server.properties is up to date", facts);
        }
        String diff = file.diff(wanted);
        if (request.isCheck()) {
            changes.add(0, "would rewrite " + request.configFile());
        } else {
            file.replace(wanted);
            changes.add(0, "wrote " + request.configFile() + (before.isEmpty() ? "" : " (previous kept as .bak)"));
        }
        return AgentResult.changed("configure", String.join("; ", changes), facts).withDiff(diff);
    }
}
