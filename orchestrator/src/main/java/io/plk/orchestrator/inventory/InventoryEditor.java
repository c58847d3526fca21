package io.plk.orchestrator.inventory;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Writes one value back into the user's inventory in place: only that value's characters change,
 * so comments, order and layout stay as the user wrote them.
 */
public final class InventoryEditor {
    private InventoryEditor() {
    }

    /** Sets {@code section.key} (e.g. {@code privateLink.uniqueName}) to a plain scalar value. */
    public static void set(Path file, String section, String key, String value) throws IOException {
        String text = Files.readString(file);
        MappingNode root = (MappingNode) new Yaml(new SafeConstructor(new LoaderOptions()))
                .compose(new StringReader(text));
        NodeTuple parent = find(root, section);
        if (parent == null || !(parent.getValueNode() instanceof MappingNode mapping)) {
            throw new IllegalArgumentException(file + " has no '" + section + ":' mapping to write " + key + " into");
        }
        NodeTuple entry = find(mapping, key);
        String updated;
        if (entry != null) {
            Node node = entry.getValueNode();
            if (!(node instanceof ScalarNode)) {
                throw new IllegalArgumentException(section + "." + key + " in " + file + " is not a plain value");
            }
            updated = text.substring(0, node.getStartMark().getIndex()) + value
                    + text.substring(node.getEndMark().getIndex());
        } else if (mapping.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW
                || mapping.getValue().isEmpty()) {
            throw new IllegalArgumentException("cannot add " + key + " to the one-line '" + section + ":' of " + file
                    + "; add '" + key + ": " + value + "' yourself");
        } else {
            Node firstKey = mapping.getValue().get(0).getKeyNode();
            int lineStart = firstKey.getStartMark().getIndex() - firstKey.getStartMark().getColumn();
            String indent = " ".repeat(firstKey.getStartMark().getColumn());
            updated = text.substring(0, lineStart) + indent + key + ": " + value + "\n" + text.substring(lineStart);
        }
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".inventory", ".tmp");
        Files.writeString(temp, updated);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static NodeTuple find(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return tuple;
            }
        }
        return null;
    }
}
