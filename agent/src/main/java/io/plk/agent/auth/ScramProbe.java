package io.plk.agent.auth;

import io.plk.agent.protocol.ScramUser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.network.ChannelState;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * One question: does this user's password authenticate on this listener now? Only the SASL handshake
 * is made (Kafka's own client channel), no request: the listener's advertised names need not resolve
 * here, and SCRAM keeps no password to compare with, only a salted hash, so trying is the only way to know.
 */
public final class ScramProbe {
    private static final String CHANNEL = "plk-scram-probe";

    /** Whether the handshake succeeded (true) or was refused (false); IOException when it could not be tried. */
    public boolean authenticates(InetSocketAddress listener, ScramUser user, Duration timeout) throws IOException {
        ChannelBuilder builder = ClientUtils.createChannelBuilder(new AdminClientConfig(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, listener.getHostString() + ":" + listener.getPort(),
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, user.mechanism(),
                SaslConfigs.SASL_JAAS_CONFIG, jaas(user))), Time.SYSTEM, new LogContext());
        try (Metrics metrics = new Metrics();
                Selector selector = new Selector(timeout.toMillis(), metrics, Time.SYSTEM, CHANNEL, builder,
                        new LogContext())) {
            selector.connect(CHANNEL, listener, 64 * 1024, 64 * 1024);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                selector.poll(100);
                if (selector.isChannelReady(CHANNEL)) {
                    return true;
                }
                ChannelState closed = selector.disconnected().get(CHANNEL);
                if (closed != null) {
                    if (closed.exception() != null) {
                        return false;
                    }
                    throw new IOException("the listener " + listener + " closed the connection (" + closed.state() + ")");
                }
            }
            throw new IOException("no SASL answer from " + listener + " within " + timeout.toSeconds() + "s");
        } finally {
            builder.close();
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
