package io.plk.orchestrator.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What TiDB Cloud's changefeed (its Kafka sink) is given to reach this cluster: the bootstrap port of
 * the private link connection and how it logs in, named as in the {@code ticloud ... changefeed create
 * --kafka} JSON. The password only as where to read it, never its value.
 *
 * @param mechanism      SCRAM-SHA-256 or SCRAM-SHA-512, or null when EXTERNAL asks for no credentials
 * @param userName       the user it logs in as (the inventory's first), or null
 * @param passwordSource the file or environment variable holding that user's password, or null
 * @param tlsServerName  with TLS, the name for the sink's TLS Server Name field (privateLink.tls.serverName), or null
 */
public record ChangefeedSink(int bootstrapPort, String mechanism, String userName, String passwordSource,
                             boolean tls, String tlsServerName) {

    /** ticloud's {@code authentication.auth_type}. */
    public String authType() {
        return mechanism == null ? "DISABLE" : "SASL_" + mechanism.replace('-', '_');
    }

    /** One line for the end of apply. */
    public String summary() {
        String login = mechanism == null ? "no authentication" : "SASL mechanism " + mechanism + ", user " + userName
                + ", the password in " + passwordSource;
        String tlsFields = !tls ? "off" : "on" + (tlsServerName == null ? "" : ", TLS Server Name " + tlsServerName)
                + " (TiDB Cloud takes no uploaded CA: the brokers' CA must be one it trusts)";
        return "TiDB Cloud's Kafka sink: " + login + ", TLS " + tlsFields + "; bootstrap port "
                + bootstrapPort + " of the private link connection (ticloud --kafka: auth_type " + authType()
                + ", tls_enable " + tls + ")";
    }

    /** The outputs file's block, in ticloud's field names. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("broker_endpoints", "<private link connection>:" + bootstrapPort);
        fields.put("tls_enable", tls);
        fields.put("auth_type", authType());
        if (mechanism != null) {
            fields.put("user_name", userName);
            fields.put("password", "the content of " + passwordSource + " (never written here)");
        }
        return fields;
    }
}
