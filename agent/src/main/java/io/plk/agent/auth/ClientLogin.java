package io.plk.agent.auth;

import io.plk.agent.protocol.ScramUser;
import java.util.List;
import java.util.Properties;

/** The client settings of a Kafka client that logs in as a SCRAM user; none for an unauthenticated listener. */
public final class ClientLogin {
    private ClientLogin() {
    }

    /** As the first of {@code users}, or no settings when there is none. */
    public static Properties asFirstOf(List<ScramUser> users) {
        Properties login = new Properties();
        if (users != null && !users.isEmpty()) {
            ScramUser user = users.get(0);
            login.put("security.protocol", "SASL_PLAINTEXT");
            login.put("sasl.mechanism", user.mechanism());
            login.put("sasl.jaas.config", ScramProbe.jaas(user));
        }
        return login;
    }
}
