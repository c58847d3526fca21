package io.plk.agent.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How clients authenticate on the EXTERNAL listener of a running cluster this tool patches: PLAINTEXT
 * (the runbook's) or SASL_PLAINTEXT with one SCRAM mechanism. The settings are listener-scoped, so
 * INTERNAL and CONTROLLER keep whatever the cluster's team gave them. The server side holds no
 * password: SCRAM credentials are salted hashes in the metadata log.
 *
 * @param mechanism SCRAM-SHA-256 or SCRAM-SHA-512, or null with PLAINTEXT
 */
public record ExternalSecurity(String protocol, String mechanism) {
    public static final ExternalSecurity PLAINTEXT = new ExternalSecurity("PLAINTEXT", null);
    static final String PREFIX = "listener.name.external.";
    static final String MECHANISMS_KEY = PREFIX + "sasl.enabled.mechanisms";
    static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    private static final List<String> SCRAM = List.of("SCRAM-SHA-256", "SCRAM-SHA-512");
    /** The protocols the tool moves EXTERNAL between; any other (SSL, SASL_SSL) is the cluster team's own setup. */
    static final Set<String> SWITCHABLE = Set.of("PLAINTEXT", "SASL_PLAINTEXT");

    public ExternalSecurity {
        boolean plaintext = "PLAINTEXT".equals(protocol) && mechanism == null;
        boolean scram = "SASL_PLAINTEXT".equals(protocol) && SCRAM.contains(mechanism);
        if (!plaintext && !scram) {
            throw new IllegalArgumentException("EXTERNAL security " + protocol + "/" + mechanism
                    + " is not PLAINTEXT nor SASL_PLAINTEXT with SCRAM-SHA-256 or SCRAM-SHA-512");
        }
    }

    public static ExternalSecurity scram(String mechanism) {
        return new ExternalSecurity("SASL_PLAINTEXT", mechanism);
    }

    /** The listener.name.external keys this security needs, in the order they are written. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (mechanism != null) {
            settings.put(MECHANISMS_KEY, mechanism);
            settings.put(jaasKey(mechanism), SCRAM_LOGIN);
        }
        return settings;
    }

    /** Whether a listener.name.external line is one this tool writes, with a value it writes: it may change it. */
    static boolean isOwn(String key, String value) {
        if (key.equals(MECHANISMS_KEY)) {
            return SCRAM.contains(value.trim());
        }
        return SCRAM.stream().anyMatch(m -> jaasKey(m).equals(key)) && value.trim().equals(SCRAM_LOGIN);
    }

    private static String jaasKey(String mechanism) {
        return PREFIX + mechanism.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config";
    }
}
