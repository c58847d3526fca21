package io.plk.agent.kafka;

import io.plk.agent.kafka.PropertiesLines.Entry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The runbook's "Reconfigure a running Kafka cluster" edit, as a pure function over the text of a
 * live server.properties: it adds {@code EXTERNAL://0.0.0.0:<port>} to {@code listeners},
 * {@code EXTERNAL://<name>:<port>} to {@code advertised.listeners} and {@code EXTERNAL:PLAINTEXT}
 * to {@code listener.security.protocol.map} (or, with {@link #withSecurity} SCRAM,
 * {@code EXTERNAL:SASL_PLAINTEXT} and the two {@code listener.name.external} lines that enable only
 * that mechanism on EXTERNAL), and nothing else. Every other byte (comments, blank
 * lines, spacing, separators, continuations, line terminators, order) stays as it was, and a
 * second run returns the same text.
 *
 * <p>Where one of the three keys is missing, Kafka applies a default; the patch writes that
 * default out explicitly, so the broker keeps doing what it did for every existing listener:
 * <ul>
 *   <li>no {@code listeners}: Kafka listens on {@code PLAINTEXT://:9092}; the patch writes
 *       {@code listeners=PLAINTEXT://:9092,EXTERNAL://...}.</li>
 *   <li>no {@code advertised.listeners}: Kafka advertises {@code listeners} minus the
 *       {@code controller.listener.names} (controllers are never advertised to clients). The patch
 *       writes exactly those entries, as written in {@code listeners} (an empty host stays empty:
 *       Kafka resolves it to the canonical host name either way), followed by EXTERNAL.</li>
 *   <li>no {@code listener.security.protocol.map}: Kafka uses
 *       {@code PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL} and, in
 *       KRaft ({@code process.roles} set) when no SSL/SASL listener name is in use, maps every
 *       controller listener name to PLAINTEXT implicitly. Once the map is written that implicit rule
 *       no longer applies, so the patch writes those controller mappings too, then EXTERNAL.</li>
 * </ul>
 * New lines go right after the last of {@code listeners}/{@code advertised.listeners}, with that
 * line's terminator (or at the end of the file when neither is present).
 *
 * <p>It refuses, quoting the line: a node whose {@code node.id}/{@code broker.id} is not the
 * expected one (or that has neither, so nothing proves which node it is), a controller-only node,
 * another listener on the external port, an EXTERNAL listener or advertised listener that points
 * elsewhere (unless {@code replaceExternal}, which rewrites only that entry: how a changed
 * advertised name is rolled out), a protocol map that gives EXTERNAL another protocol, a listener
 * entry Kafka could not parse, and a derived advertised listener on 0.0.0.0. Security: EXTERNAL moves
 * between PLAINTEXT and SCRAM (either way, a rolling change), and the lines this tool wrote are
 * rewritten or removed; it refuses a protocol map giving EXTERNAL another protocol (SSL, SASL_SSL) and
 * any {@code listener.name.external} setting it does not write itself: that is the cluster team's own
 * EXTERNAL setup, not one to overwrite.
 */
public final class ExternalListenerPatch {
    public static final String EXTERNAL = "EXTERNAL";
    static final String DEFAULT_LISTENERS = "PLAINTEXT://:9092";
    static final String DEFAULT_PROTOCOL_MAP =
            "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL";
    private static final String BIND_ALL = "0.0.0.0";
    private static final Set<String> SECURE_NAMES = Set.of("SSL", "SASL_SSL", "SASL_PLAINTEXT");
    /** Kafka's own listener syntax (EndPoint in 3.x, Endpoint parsing in 4.x). */
    private static final Pattern ENDPOINT = Pattern.compile("(.*)://\\[?([0-9a-zA-Z\\-%._:]*)]?:(-?[0-9]+)");
    private static final Pattern HOST = Pattern.compile("[0-9a-zA-Z\\-%._]+");

    private final int nodeId;
    private final int externalPort;
    private final String advertisedHost;
    private final int advertisedPort;
    private final boolean replaceExternal;
    private final ExternalSecurity security;

    /**
     * @param nodeId          the inventory's id for this broker: must equal node.id / broker.id
     * @param externalPort    the port the EXTERNAL listener binds on every interface (e.g. 39092)
     * @param advertisedHost  the broker's advertised name (e.g. b1.usw2-az1.unique_name.aws.plc.tidbcloud.com)
     * @param advertisedPort  its port on the load balancer (e.g. 9093)
     * @param replaceExternal rewrite an existing EXTERNAL entry that points elsewhere instead of refusing
     * @throws IllegalArgumentException for an id, port or host Kafka would not accept
     */
    public ExternalListenerPatch(int nodeId, int externalPort, String advertisedHost, int advertisedPort,
                                 boolean replaceExternal) {
        if (nodeId < 0) {
            throw new IllegalArgumentException("node id " + nodeId + " is negative");
        }
        requirePort(externalPort, "external port");
        requirePort(advertisedPort, "advertised port");
        if (advertisedHost == null || !HOST.matcher(advertisedHost).matches()) {
            throw new IllegalArgumentException("advertised host '" + advertisedHost + "' is not a host name");
        }
        this.nodeId = nodeId;
        this.externalPort = externalPort;
        this.advertisedHost = advertisedHost;
        this.advertisedPort = advertisedPort;
        this.replaceExternal = replaceExternal;
        this.security = ExternalSecurity.PLAINTEXT;
    }

    private ExternalListenerPatch(ExternalListenerPatch patch, ExternalSecurity security) {
        this.nodeId = patch.nodeId;
        this.externalPort = patch.externalPort;
        this.advertisedHost = patch.advertisedHost;
        this.advertisedPort = patch.advertisedPort;
        this.replaceExternal = patch.replaceExternal;
        this.security = security;
    }

    /** The same patch with EXTERNAL secured as {@code security} says (PLAINTEXT by default). */
    public ExternalListenerPatch withSecurity(ExternalSecurity security) {
        return new ExternalListenerPatch(this, security);
    }

    /** What {@link #apply} decided. */
    public sealed interface Outcome permits Patched, Refused {
    }

    /** The patched text (equal to the input when {@code changes} is empty) and one line per change. */
    public record Patched(String text, List<String> changes) implements Outcome {
        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    /** Nothing written: why, with the conflicting line quoted. */
    public record Refused(String reason) implements Outcome {
    }

    public Outcome apply(String serverProperties) {
        try {
            return new Editing(serverProperties).patch();
        } catch (Refusal refusal) {
            return new Refused(refusal.getMessage());
        }
    }

    public String bindEntry() {
        return EXTERNAL + "://" + BIND_ALL + ":" + externalPort;
    }

    public String advertisedEntry() {
        return EXTERNAL + "://" + advertisedHost + ":" + advertisedPort;
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is not in 1-65535");
        }
    }

    /** One run over one text: the parsed lines, the edits so far and what they mean. */
    private final class Editing {
        private final String text;
        private final PropertiesLines lines;
        private final List<Edit> edits = new ArrayList<>();
        private final List<String> changes = new ArrayList<>();
        private final List<String> newLines = new ArrayList<>();

        Editing(String text) {
            this.text = text;
            this.lines = PropertiesLines.parse(text);
        }

        Patched patch() {
            requireBrokerRole();
            requireNodeId();
            Optional<Entry> listeners = lines.last("listeners");
            List<Endpoint> bound = endpoints(listeners, DEFAULT_LISTENERS);
            Set<String> controllers = names(lines.last("controller.listener.names"));
            patchListeners(listeners, bound);
            patchAdvertised(lines.last("advertised.listeners"), listeners, bound, controllers);
            patchProtocolMap(lines.last("listener.security.protocol.map"), bound, controllers);
            patchListenerSettings();
            if (!newLines.isEmpty()) {
                insertNewLines(listeners);
            }
            return new Patched(Edit.applyAll(text, edits), List.copyOf(changes));
        }

        private void requireBrokerRole() {
            lines.last("process.roles").ifPresent(roles -> {
                if (!names(Optional.of(roles)).contains("BROKER")) {
                    throw new Refusal("this node has no broker role, and only brokers serve clients through"
                            + " EXTERNAL (" + lines.quote(roles) + ")");
                }
            });
        }

        private void requireNodeId() {
            boolean seen = false;
            for (String key : List.of("node.id", "broker.id")) {
                Optional<Entry> id = lines.last(key);
                if (id.isPresent()) {
                    seen = true;
                    String value = id.get().value().trim();
                    if (!value.matches("-?[0-9]{1,9}") || Integer.parseInt(value) != nodeId) {
                        throw new Refusal(key + " is " + value + " in this file but the inventory says node "
                                + nodeId + " (" + lines.quote(id.get()) + ")");
                    }
                }
            }
            if (!seen) {
                throw new Refusal("neither node.id nor broker.id is set, so nothing shows this file belongs to node "
                        + nodeId);
            }
        }

        private void patchListeners(Optional<Entry> listeners, List<Endpoint> bound) {
            for (Endpoint endpoint : bound) {
                if (!endpoint.isExternal() && endpoint.port() == externalPort) {
                    throw new Refusal("external port " + externalPort + " is already used by listener "
                            + endpoint.name() + " (" + where(listeners, DEFAULT_LISTENERS) + ")");
                }
            }
            Optional<Endpoint> external = bound.stream().filter(Endpoint::isExternal).findFirst();
            if (listeners.isEmpty()) {
                newLines.add("listeners=" + DEFAULT_LISTENERS + "," + bindEntry());
                changes.add("listeners: written (Kafka's default " + DEFAULT_LISTENERS + ") plus " + bindEntry());
            } else if (external.isEmpty()) {
                append(listeners.get(), bindEntry());
            } else if (!(external.get().host().equals(BIND_ALL) && external.get().port() == externalPort)) {
                replace(listeners.get(), external.get(), bindEntry());
            }
        }

        private void patchAdvertised(Optional<Entry> advertised, Optional<Entry> listeners, List<Endpoint> bound,
                                     Set<String> controllers) {
            if (advertised.isPresent()) {
                Optional<Endpoint> external = endpoints(advertised, "").stream().filter(Endpoint::isExternal)
                        .findFirst();
                if (external.isEmpty()) {
                    append(advertised.get(), advertisedEntry());
                } else if (!(external.get().host().equalsIgnoreCase(advertisedHost)
                        && external.get().port() == advertisedPort)) {
                    replace(advertised.get(), external.get(), advertisedEntry());
                }
                return;
            }
            List<String> kept = new ArrayList<>();
            for (Endpoint endpoint : bound) {
                if (endpoint.isExternal() || controllers.contains(endpoint.name())) {
                    continue;
                }
                if (endpoint.host().equals(BIND_ALL)) {
                    throw new Refusal("advertised.listeners is not set, so Kafka would advertise " + endpoint.text()
                            + ", and it cannot advertise 0.0.0.0 (" + where(listeners, DEFAULT_LISTENERS)
                            + "): set advertised.listeners for " + endpoint.name() + " first");
                }
                kept.add(endpoint.text());
            }
            kept.add(advertisedEntry());
            newLines.add("advertised.listeners=" + String.join(",", kept));
            changes.add("advertised.listeners: written (Kafka derived it from listeners) plus " + advertisedEntry());
        }

        private void patchProtocolMap(Optional<Entry> map, List<Endpoint> bound, Set<String> controllers) {
            if (map.isEmpty()) {
                List<String> mappings = new ArrayList<>(List.of(DEFAULT_PROTOCOL_MAP.split(",")));
                boolean kraft = lines.last("process.roles").isPresent();
                boolean secureNames = controllers.stream().anyMatch(SECURE_NAMES::contains)
                        || bound.stream().anyMatch(endpoint -> SECURE_NAMES.contains(endpoint.name()));
                if (kraft && !secureNames) {
                    controllers.stream().filter(name -> !name.equals("PLAINTEXT"))
                            .forEach(name -> mappings.add(name + ":PLAINTEXT"));
                }
                mappings.add(EXTERNAL + ":" + security.protocol());
                newLines.add("listener.security.protocol.map=" + String.join(",", mappings));
                changes.add("listener.security.protocol.map: written (Kafka's default) plus EXTERNAL:"
                        + security.protocol());
                return;
            }
            for (Item item : Item.split(map.get().value())) {
                int colon = item.text().lastIndexOf(':');
                String name = colon < 0 ? item.text() : item.text().substring(0, colon).trim();
                String protocol = colon < 0 ? "" : item.text().substring(colon + 1).trim();
                if (name.equalsIgnoreCase(EXTERNAL)) {
                    String had = protocol.toUpperCase(Locale.ROOT);
                    if (!ExternalSecurity.SWITCHABLE.contains(had)) {
                        throw new Refusal("listener.security.protocol.map maps EXTERNAL to " + protocol
                                + ", a setup of the cluster's own, but the inventory says " + security.protocol()
                                + " (" + lines.quote(map.get()) + ")");
                    }
                    if (!had.equals(security.protocol())) {
                        Entry entry = map.get();
                        int from = entry.charStart()[item.from() + colon + 1];
                        edits.add(new Edit(from, entry.charEnd()[item.to() - 1], security.protocol()));
                        changes.add("listener.security.protocol.map: EXTERNAL " + had + " -> "
                                + security.protocol());
                    }
                    return;
                }
            }
            append(map.get(), EXTERNAL + ":" + security.protocol());
        }

        /** The listener.name.external lines: the ones this security needs, and no other. */
        private void patchListenerSettings() {
            Map<String, String> wanted = new LinkedHashMap<>(security.settings());
            for (Entry entry : lines.startingWith(ExternalSecurity.PREFIX)) {
                String value = wanted.remove(entry.key());
                if (value != null && value.equals(entry.value().trim())) {
                    continue;
                }
                if (!ExternalSecurity.isOwn(entry.key(), entry.value())) {
                    throw new Refusal("EXTERNAL already has a security setting of the cluster's own ("
                            + lines.quote(entry) + "); the tool writes only " + ExternalSecurity.MECHANISMS_KEY
                            + " and the SCRAM login line: remove it, or keep EXTERNAL as the cluster has it");
                }
                if (value == null) {
                    edits.add(new Edit(entry.start(), entry.end() + lines.terminatorAfter(entry).length(), ""));
                    changes.add(entry.key() + ": removed (EXTERNAL is " + security.protocol() + ")");
                } else {
                    edits.add(new Edit(entry.valueStart(), entry.end(), value));
                    changes.add(entry.key() + ": " + entry.value().trim() + " -> " + value);
                }
            }
            wanted.forEach((key, value) -> {
                newLines.add(key + "=" + value);
                changes.add(key + ": added " + value);
            });
        }

        private void append(Entry entry, String item) {
            String value = entry.value();
            int last = value.length() - 1;
            while (last >= 0 && Character.isWhitespace(value.charAt(last))) {
                last--;
            }
            if (last < 0) {
                edits.add(new Edit(entry.valueStart(), entry.valueStart(), item));
            } else {
                edits.add(new Edit(entry.charEnd()[last], entry.charEnd()[last],
                        (value.charAt(last) == ',' ? "" : ",") + item));
            }
            changes.add(entry.key() + ": added " + item);
        }

        private void replace(Entry entry, Endpoint old, String item) {
            if (!replaceExternal) {
                throw new Refusal(entry.key() + " already has " + old.text() + ", not " + item + " ("
                        + lines.quote(entry) + "); replacing it needs replaceExternal");
            }
            edits.add(new Edit(entry.charStart()[old.item().from()], entry.charEnd()[old.item().to() - 1], item));
            changes.add(entry.key() + ": replaced " + old.text() + " with " + item);
        }

        private void insertNewLines(Optional<Entry> listeners) {
            Optional<Entry> anchor = listeners;
            Optional<Entry> advertised = lines.last("advertised.listeners");
            if (advertised.isPresent() && (anchor.isEmpty() || advertised.get().start() > anchor.get().start())) {
                anchor = advertised;
            }
            String terminator = anchor.map(lines::terminatorAfter).filter(t -> !t.isEmpty())
                    .orElse(lines.lineTerminator());
            int at = anchor.map(entry -> entry.end() + lines.terminatorAfter(entry).length()).orElse(text.length());
            boolean terminated = at == 0 || text.charAt(at - 1) == '\n' || text.charAt(at - 1) == '\r';
            String block = String.join(terminator, newLines);
            edits.add(new Edit(at, at, terminated ? block + terminator : terminator + block));
        }

        private List<Endpoint> endpoints(Optional<Entry> entry, String fallback) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (Item item : Item.split(entry.map(Entry::value).orElse(fallback))) {
                Matcher m = ENDPOINT.matcher(item.text());
                if (!m.matches()) {
                    throw new Refusal("cannot read listener '" + item.text() + "' (" + where(entry, fallback) + ")");
                }
                endpoints.add(new Endpoint(item, m.group(1).toUpperCase(Locale.ROOT), m.group(2),
                        Integer.parseInt(m.group(3))));
            }
            return endpoints;
        }

        private String where(Optional<Entry> entry, String fallback) {
            return entry.map(lines::quote).orElse("listeners is not set, so Kafka uses " + fallback);
        }
    }

    private static Set<String> names(Optional<Entry> entry) {
        return entry.map(e -> Item.split(e.value()).stream()
                .map(item -> item.text().toUpperCase(Locale.ROOT)).collect(Collectors.toSet())).orElse(Set.of());
    }

    /** One comma-separated element of a value: trimmed text and its [from, to) span in the value. */
    private record Item(String text, int from, int to) {
        static List<Item> split(String value) {
            List<Item> items = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= value.length(); i++) {
                if (i == value.length() || value.charAt(i) == ',') {
                    int from = start;
                    int to = i;
                    while (from < to && Character.isWhitespace(value.charAt(from))) {
                        from++;
                    }
                    while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
                        to--;
                    }
                    if (from < to) {
                        items.add(new Item(value.substring(from, to), from, to));
                    }
                    start = i + 1;
                }
            }
            return items;
        }
    }

    /** A listener as Kafka reads it; the name normalised to upper case as Kafka does. */
    private record Endpoint(Item item, String name, String host, int port) {
        boolean isExternal() {
            return name.equals(EXTERNAL);
        }

        String text() {
            return item.text();
        }
    }

    /** Replace [start, end) of the original text; edits never overlap. */
    private record Edit(int start, int end, String text) {
        static String applyAll(String original, List<Edit> edits) {
            StringBuilder out = new StringBuilder(original);
            List<Edit> ordered = new ArrayList<>(edits);
            // from the end backwards, so earlier offsets stay valid; for two inserts at one offset the one
            // made first must end up first, so it is applied last
            Collections.reverse(ordered);
            // and a removal and an insert at one offset: the removal first, so it cannot take the inserted text
            ordered.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).reversed());
            for (Edit edit : ordered) {
                out.replace(edit.start(), edit.end(), edit.text());
            }
            return out.toString();
        }
    }

    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
