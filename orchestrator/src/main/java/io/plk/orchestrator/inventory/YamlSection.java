package io.plk.orchestrator.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping with its path in the document; typed reads that record a {@link Problem} (with
 * the line) instead of throwing, so that one pass finds every mistake.
 */
final class YamlSection {
    private final String path;
    private final int line;
    private final Map<String, Node> entries = new LinkedHashMap<>();
    private final Map<String, Integer> keyLines = new LinkedHashMap<>();
    private final Set<String> refused = new HashSet<>();
    private final Problems problems;

    private YamlSection(String path, int line, Problems problems) {
        this.path = path;
        this.line = line;
        this.problems = problems;
    }

    static YamlSection of(Node node, String path, int parentLine, Problems problems) {
        if (node == null || isNull(node)) {
            return new YamlSection(path, parentLine, problems);
        }
        YamlSection section = new YamlSection(path, line(node), problems);
        if (!(node instanceof MappingNode mapping)) {
            problems.add(path, line(node), "expected a mapping of key: value entries");
            return section;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(tuple.getKeyNode());
            section.keyLines.putIfAbsent(key, line(tuple.getKeyNode()));
            if (section.entries.putIfAbsent(key, tuple.getValueNode()) != null) {
                problems.add(section.child(key), line(tuple.getKeyNode()), "duplicate key; keep one of them");
            }
        }
        return section;
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    boolean has(String key) {
        Node node = entries.get(key);
        return node != null && !isNull(node);
    }

    /** The line of the key, or of this section when the key is absent. */
    int lineOf(String key) {
        return keyLines.getOrDefault(key, line);
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(child(key), lineOf(key), message);
    }

    /** Reports keys this section does not know, with the closest known key as a hint. */
    void rejectUnknownKeys(Set<String> known) {
        for (String key : entries.keySet()) {
            if (!known.contains(key)) {
                String hint = closest(key, known).map(k -> "; did you mean '" + k + "'?").orElse("");
                problem(key, "unknown key '" + key + "'" + hint + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    YamlSection section(String key) {
        return of(entries.get(key), child(key), lineOf(key), problems);
    }

    Optional<String> string(String key) {
        Node node = entries.get(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode scalar) {
            Optional<String> control = Syntax.controlCharacter(scalar.getValue());
            if (control.isPresent()) {
                refused.add(key);
                problem(key, control.get());
                return Optional.empty();
            }
            return Optional.of(scalar.getValue());
        }
        problem(key, "expected a single value, not a list or mapping");
        return Optional.empty();
    }

    /** A value that must pass {@code rule} (an empty result) when present. */
    Optional<String> string(String key, java.util.function.Function<String, Optional<String>> rule) {
        Optional<String> value = string(key);
        value.flatMap(rule).ifPresent(wrong -> problem(key, wrong));
        return value;
    }

    /** A program and its arguments, run without a shell: a list, or a lone program as a plain value. */
    Optional<List<String>> command(String key) {
        Node node = entries.get(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode) {
            return Optional.of(string(key, Syntax::loneProgram).map(List::of).orElse(List.of()));
        }
        List<String> words = strings(key);
        if (node instanceof SequenceNode sequence && (sequence.getValue().isEmpty()
                || !words.isEmpty() && words.get(0).isBlank())) {
            problem(key, "has no program; " + Syntax.COMMAND_EXAMPLE);
        }
        return Optional.of(words);
    }

    String requiredString(String key, String whatToWrite) {
        Optional<String> value = string(key);
        if (value.isEmpty() || value.get().isBlank()) {
            if (!refused.contains(key)) {
                problem(key, "is required; " + whatToWrite);
            }
            return null;
        }
        return value.get();
    }

    String stringMatching(String key, String fallback, Pattern pattern, String rule) {
        Optional<String> value = string(key);
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            problem(key, "'" + value.get() + "' is not valid: " + rule);
        }
        return value.orElse(fallback);
    }

    Integer integer(String key, Integer fallback) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            problem(key, "'" + value.get() + "' is not a whole number");
            return fallback;
        }
    }

    Integer port(String key, Integer fallback) {
        Integer port = integer(key, fallback);
        if (port != null && (port < 1 || port > 65535)) {
            problem(key, port + " is not a TCP port; use 1-65535");
        }
        return port;
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(key, "'" + value.get() + "' is not true or false");
                yield fallback;
            }
        };
    }

    /** A list of mappings, e.g. {@code brokers}. */
    List<YamlSection> sections(String key) {
        List<YamlSection> result = new ArrayList<>();
        List<Node> items = sequence(key, "expected a list (entries starting with '- ')");
        for (int i = 0; i < items.size(); i++) {
            result.add(of(items.get(i), child(key) + "[" + i + "]", line(items.get(i)), problems));
        }
        return result;
    }

    /** The entries of the list at {@code key}; none when absent, or when not a list ({@code notAList} is reported). */
    private List<Node> sequence(String key, String notAList) {
        Node node = entries.get(key);
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(key, notAList);
            return List.of();
        }
        return sequence.getValue();
    }

    /** What a key holds. */
    enum Shape { ABSENT, VALUE, LIST, MAPPING }

    Shape shape(String key) {
        Node node = entries.get(key);
        if (node == null || isNull(node)) {
            return Shape.ABSENT;
        }
        return node instanceof SequenceNode ? Shape.LIST : node instanceof MappingNode ? Shape.MAPPING : Shape.VALUE;
    }

    /** One entry of a list that may hold plain values and mappings: exactly one of {@code value}, {@code mapping}. */
    record Element(Item value, YamlSection mapping) {
    }

    /** The entries of a list of plain values and mappings; entries that are neither are reported and left out. */
    List<Element> elements(String key) {
        List<Element> result = new ArrayList<>();
        List<Node> items = sequence(key, "expected a list (entries starting with '- ')");
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = child(key) + "[" + i + "]";
            if (item instanceof MappingNode) {
                result.add(new Element(null, of(item, path, line(item), problems)));
            } else if (item instanceof ScalarNode scalar) {
                Syntax.controlCharacter(scalar.getValue()).ifPresentOrElse(wrong -> problems.add(path, line(item), wrong),
                        () -> result.add(new Element(new Item(path, line(item), scalar.getValue()), null)));
            } else {
                problems.add(path, line(item), "expected a plain value or a mapping, not a list");
            }
        }
        return result;
    }

    /** One plain value of a list, with its own path (e.g. {@code aws.sshFrom[1]}) and line. */
    record Item(String path, int line, String value) {
    }

    List<String> strings(String key) {
        return items(key).stream().map(Item::value).toList();
    }

    /** The plain values of a list; entries refused (not plain, control characters) are reported and left out. */
    List<Item> items(String key) {
        List<Item> result = new ArrayList<>();
        List<Node> nodes = sequence(key, "expected a list of values, e.g. [a, b]");
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            if (item instanceof ScalarNode scalar) {
                Item found = new Item(child(key) + "[" + i + "]", line(item), scalar.getValue());
                Syntax.controlCharacter(scalar.getValue()).ifPresentOrElse(
                        wrong -> problems.add(child(key), line(item), wrong), () -> result.add(found));
            } else {
                problems.add(child(key), line(item), "expected a plain value in the list");
            }
        }
        return result;
    }

    void problem(Item item, String message) {
        problems.add(item.path(), item.line(), message);
    }

    /** A mapping of plain values, e.g. {@code properties}: keys in document order. */
    Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        YamlSection section = section(key);
        for (Map.Entry<String, Node> entry : section.entries.entrySet()) {
            section.string(entry.getKey()).ifPresent(v -> result.put(entry.getKey(), v));
        }
        return result;
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static Optional<String> closest(String key, Set<String> known) {
        return known.stream()
                .filter(k -> distance(k.toLowerCase(), key.toLowerCase()) <= Math.max(2, key.length() / 3))
                .min(Comparator.comparingInt(k -> distance(k.toLowerCase(), key.toLowerCase())));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
