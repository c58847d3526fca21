package io.plk.agent.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ByteBufferSend;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.network.ChannelState;
import org.apache.kafka.common.network.NetworkReceive;
import org.apache.kafka.common.network.NetworkSend;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * One connection to one Kafka listener through Kafka's own client channel, logged in when the login
 * settings say so (see {@link ClientLogin}), and raw requests over it. Unlike a Kafka client it never
 * connects to the advertised names, so it works where they do not resolve (EXTERNAL, seen from a broker).
 */
public final class ListenerSession implements AutoCloseable {
    private static final String ID = "plk-listener";
    private final ChannelBuilder builder;
    private final Metrics metrics = new Metrics();
    private final Selector selector;
    private final InetSocketAddress listener;
    private final Duration timeout;

    /** The listener refused the login. */
    public static final class LoginRefused extends IOException {
        LoginRefused(String message) {
            super(message);
        }
    }

    private ListenerSession(InetSocketAddress listener, Properties login, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        login.forEach((k, v) -> config.put((String) k, v));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, listener.getHostString() + ":" + listener.getPort());
        this.builder = ClientUtils.createChannelBuilder(new AdminClientConfig(config), Time.SYSTEM, new LogContext());
        this.selector = new Selector(timeout.toMillis(), metrics, Time.SYSTEM, ID, builder, new LogContext());
        this.listener = listener;
        this.timeout = timeout;
    }

    /** Connected and, when {@code login} asks for it, authenticated; {@link LoginRefused} if the login is refused. */
    public static ListenerSession open(InetSocketAddress listener, Properties login, Duration timeout) throws IOException {
        ListenerSession session = new ListenerSession(listener, login, timeout);
        try {
            session.selector.connect(ID, listener, 64 * 1024, 64 * 1024);
            session.pollUntil(() -> session.selector.isChannelReady(ID), "no answer");
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Sends one request (header and body, without the size) and returns the response without its size. */
    public ByteBuffer request(byte[] payload) throws IOException {
        selector.send(new NetworkSend(ID, ByteBufferSend.sizePrefixed(ByteBuffer.wrap(payload))));
        ByteBuffer[] response = new ByteBuffer[1];
        pollUntil(() -> {
            for (NetworkReceive receive : selector.completedReceives()) {
                response[0] = receive.payload();
            }
            return response[0] != null;
        }, "no response");
        return response[0];
    }

    private void pollUntil(java.util.function.BooleanSupplier done, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            selector.poll(100);
            if (done.getAsBoolean()) {
                return;
            }
            ChannelState closed = selector.disconnected().get(ID);
            if (closed != null && closed.exception() instanceof SslAuthenticationException tls) {
                // not a refused login: the user's password was never tried
                throw new IOException(listener + ": the TLS handshake failed, " + tls.getMessage());
            }
            if (closed != null && closed.exception() != null) {
                throw new LoginRefused(listener + " refused the login: " + closed.exception().getMessage());
            }
            if (closed != null) {
                throw new IOException(listener + " closed the connection (" + closed.state() + ")");
            }
        }
        throw new IOException(what + " from " + listener + " within " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        selector.close();
        metrics.close();
        try {
            builder.close();
        } catch (RuntimeException ignored) {
            // nothing more to release
        }
    }
}
