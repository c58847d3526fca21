package io.plk.agent.auth;

import io.plk.agent.protocol.ScramUser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * One question: does this user's password authenticate on this listener now? Only the SASL handshake
 * is made, no request. SCRAM keeps no password to compare with, only a salted hash, so trying is the
 * only way to know.
 */
public final class ScramProbe {

    /**
     * Whether the login succeeded (true) or was refused (false); IOException when it could not be tried.
     *
     * @param externalCa the CA of EXTERNAL's certificates when it has TLS, else null
     */
    public boolean authenticates(InetSocketAddress listener, ScramUser user, String externalCa, Duration timeout)
            throws IOException {
        try (ListenerSession session = ListenerSession.open(listener, ClientLogin.atAddress(List.of(user), externalCa),
                timeout)) {
            return true;
        } catch (ListenerSession.LoginRefused refused) {
            return false;
        }
    }

    /** Kafka's client login line; quotes and backslashes in the password are escaped as its parser expects. */
    static String jaas(ScramUser user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quoted(user.name())
                + "\" password=\"" + quoted(user.password()) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
