package io.plk.agent.auth;

import io.plk.agent.protocol.ScramUser;
import java.util.List;
import java.util.Properties;

/**
 * The client settings of a Kafka client of the EXTERNAL listener: logged in as a SCRAM user when there is
 * one, over TLS trusting only the given CA when EXTERNAL has TLS; none for the runbook's PLAINTEXT.
 */
public final class ClientLogin {
    private ClientLogin() {
    }

    /**
     * As the first of {@code users} (none: no login), over TLS when {@code externalCa} is given, the broker's
     * certificate checked against the host name connected to, as TiDB Cloud's client does.
     */
    public static Properties asFirstOf(List<ScramUser> users, String externalCa) {
        Properties login = new Properties();
        boolean sasl = users != null && !users.isEmpty();
        if (sasl) {
            ScramUser user = users.get(0);
            login.put("sasl.mechanism", user.mechanism());
            login.put("sasl.jaas.config", ScramProbe.jaas(user));
        }
        if (externalCa != null) {
            login.put("ssl.truststore.type", "PEM");
            login.put("ssl.truststore.certificates", externalCa);
        }
        if (sasl || externalCa != null) {
            login.put("security.protocol", (sasl ? "SASL_" : "") + (externalCa != null ? "SSL" : "PLAINTEXT"));
        }
        return login;
    }

    /**
     * The same for a client that reaches EXTERNAL at an address inside the VPC (127.0.0.1, a broker's private
     * IP) rather than at the advertised name its certificate carries: the agent's own probes. The chain must
     * still lead to the CA, so a certificate from anyone else is refused; only the name is not compared, as
     * no certificate names those addresses.
     */
    public static Properties atAddress(List<ScramUser> users, String externalCa) {
        Properties login = asFirstOf(users, externalCa);
        if (externalCa != null) {
            login.put("ssl.endpoint.identification.algorithm", "");
        }
        return login;
    }
}
