package io.plk.agent.kafka;

import io.plk.agent.kafka.ExternalListenerPatch.Patched;
import io.plk.agent.kafka.ExternalListenerPatch.Refused;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code patch}: adds the EXTERNAL listener to the live server.properties of a cluster this tool did
 * not install ({@link ExternalListenerPatch}), keeping the old file as {@code .bak} and the file's
 * owner, group and mode (Kafka may run as another user than the agent). Nothing is restarted here.
 */
public final class Patcher {

    public AgentResult patch(AgentRequest request) throws IOException {
        Path path = Path.of(request.require(request.configFile(), "configFile"));
        ExternalListenerPatch patch = patchFor(request);
        if (!Files.isRegularFile(path)) {
            return AgentResult.failed("patch", path + " does not exist; patch only edits the server.properties"
                    + " of a running cluster", Map.of("configFile", path.toString()));
        }
        ConfigFile file = new ConfigFile(path);
        String before = file.current();
        ExternalListenerPatch.Outcome outcome = patch.apply(before);
        if (outcome instanceof Refused refused) {
            return AgentResult.failed("patch", path + " left as it is: " + refused.reason(),
                    Map.of("configFile", path.toString()));
        }
        Patched patched = (Patched) outcome;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("configFile", path.toString());
        facts.put("configHash", ConfigFile.sha256(patched.text()));
        facts.put("changes", patched.changes());
        Optional<String> warning = UnadvertisedController.warning(patched.text(), request.kafkaHome() == null
                ? Optional.empty() : KafkaVersion.ofLibs(Path.of(request.kafkaHome(), "libs")));
        warning.ifPresent(w -> facts.put("warnings", List.of(w)));
        if (!patched.changed()) {
            return AgentResult.ok("patch", path + " already has " + patch.bindEntry() + " advertised as "
                    + patch.advertisedEntry(), facts);
        }
        String diff = file.diff(patched.text());
        if (request.isCheck()) {
            return AgentResult.changed("patch", "would patch " + path + ": " + String.join("; ", patched.changes()),
                    facts).withDiff(diff);
        }
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
        file.replace(patched.text());
        restore(path, attributes);
        return AgentResult.changed("patch", "patched " + path + " (previous kept as .bak): "
                + String.join("; ", patched.changes()), facts).withDiff(diff);
    }

    private static ExternalListenerPatch patchFor(AgentRequest request) {
        String advertised = request.require(request.advertisedExternal(), "advertisedExternal");
        int colon = advertised.lastIndexOf(':');
        try {
            if (colon < 1 || !advertised.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("advertisedExternal '" + advertised + "' is not host:port");
            }
            return new ExternalListenerPatch(request.require(request.nodeId(), "nodeId"),
                    request.require(request.externalPort(), "externalPort"), advertised.substring(0, colon),
                    Integer.parseInt(advertised.substring(colon + 1)), request.isReplaceExternal())
                    .withSecurity(request.externalProtocol() == null ? ExternalSecurity.PLAINTEXT
                            : new ExternalSecurity(request.externalProtocol(), request.externalMechanism()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** The new file is a fresh temp file (mode 600, owned by the agent's user): give it the old one's. */
    private static void restore(Path path, PosixFileAttributes old) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setPermissions(old.permissions());
        PosixFileAttributes now = view.readAttributes();
        if (!now.group().equals(old.group())) {
            view.setGroup(old.group());
        }
        if (!now.owner().equals(old.owner())) {
            view.setOwner(old.owner());
        }
    }
}
