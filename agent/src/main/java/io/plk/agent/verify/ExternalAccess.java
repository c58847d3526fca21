package io.plk.agent.verify;

import io.plk.agent.auth.ClientLogin;
import io.plk.agent.auth.ListenerSession;
import io.plk.agent.protocol.AccessProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.ScramUser;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code access} check of an authenticated EXTERNAL listener, as its clients meet it: the first
 * SCRAM user logs in with its password, a wrong password and a client without credentials are refused,
 * and, with the request's {@link AccessProbe}, its ACLs hold: a topic outside them answers
 * TOPIC_AUTHORIZATION_FAILED, one inside does not, a group outside them answers GROUP_AUTHORIZATION_FAILED.
 * Raw Metadata and FindCoordinator requests over a {@link ListenerSession}: nothing is created or changed.
 */
public final class ExternalAccess {
    static final short TOPIC_AUTHORIZATION_FAILED = 29;
    static final short GROUP_AUTHORIZATION_FAILED = 30;
    private static final short FIND_COORDINATOR = 10;

    public AgentResult access(AgentRequest request) throws IOException, InterruptedException {
        String bootstrap = request.require(request.bootstrap(), "bootstrap");
        ScramUser user = request.require(request.scramUsers(), "scramUsers").get(0);
        InetSocketAddress listener = AdvertisedListeners.address(bootstrap);
        Duration timeout = Duration.ofSeconds(request.timeoutOr(30));
        List<String> proved = new ArrayList<>();
        ScramUser wrong = new ScramUser(user.name(), user.mechanism(), user.password() + "-wrong");
        try (ListenerSession ignored = ListenerSession.open(listener, ClientLogin.atAddress(List.of(wrong), request.externalCa()), timeout)) {
            return failed(bootstrap + " let " + user.name() + " in with a wrong password", proved);
        } catch (ListenerSession.LoginRefused expected) {
            proved.add("a wrong password is refused");
        }
        if (answersWithoutLogin(listener, request.externalCa(), timeout)) {
            return failed(bootstrap + " answered a client without credentials", proved);
        }
        proved.add("a client without credentials is refused");
        try (ListenerSession session = ListenerSession.open(listener, ClientLogin.atAddress(List.of(user), request.externalCa()), timeout)) {
            proved.add(user.name() + " logs in");
            AccessProbe probe = request.accessProbe();
            if (probe != null) {
                String wrongAcl = acls(session, probe, user.name(), proved, timeout);
                if (wrongAcl != null) {
                    return failed(wrongAcl, proved);
                }
            }
        } catch (ListenerSession.LoginRefused e) {
            return failed(user.name() + "'s own password is refused: " + e.getMessage(), proved);
        }
        return AgentResult.ok("access", bootstrap + ": " + String.join(", ", proved), Map.of("proved", proved));
    }

    /** @return what does not hold, or null when every question of the probe was answered as it should be */
    private static String acls(ListenerSession session, AccessProbe probe, String user, List<String> proved,
            Duration timeout) throws IOException, InterruptedException {
        if (probe.deniedTopic() != null) {
            short error = topicError(session, probe.deniedTopic());
            if (error != TOPIC_AUTHORIZATION_FAILED) {
                return "topic " + probe.deniedTopic() + " is outside " + user + "'s ACLs but Metadata answered error "
                        + error + ", not TOPIC_AUTHORIZATION_FAILED: is the authorizer on?";
            }
            proved.add("topic " + probe.deniedTopic() + " outside its ACLs is refused");
        }
        if (probe.allowedTopic() != null) {
            // the brokers take new ACLs from the metadata log a moment after the controller
            long deadline = System.nanoTime() + timeout.toNanos();
            while (topicError(session, probe.allowedTopic()) == TOPIC_AUTHORIZATION_FAILED) {
                if (System.nanoTime() > deadline) {
                    return "topic " + probe.allowedTopic() + " is inside " + user + "'s ACLs but Metadata answered "
                            + "TOPIC_AUTHORIZATION_FAILED for " + timeout.toSeconds() + " s";
                }
                Thread.sleep(200);
            }
            proved.add("topic " + probe.allowedTopic() + " inside its ACLs is allowed");
        }
        if (probe.deniedGroup() != null) {
            short error = groupError(session, probe.deniedGroup());
            if (error != GROUP_AUTHORIZATION_FAILED) {
                return "group " + probe.deniedGroup() + " is outside " + user + "'s ACLs but FindCoordinator answered"
                        + " error " + error + ", not GROUP_AUTHORIZATION_FAILED";
            }
            proved.add("group " + probe.deniedGroup() + " outside its ACLs is refused");
        }
        return null;
    }

    /** A SASL listener closes a connection whose first request is not part of a SASL handshake. */
    /** Over TLS when EXTERNAL has it, so that what is refused is the missing login, not the handshake. */
    private static boolean answersWithoutLogin(InetSocketAddress listener, String externalCa, Duration timeout) {
        try (ListenerSession session = ListenerSession.open(listener, ClientLogin.atAddress(List.of(), externalCa),
                timeout)) {
            session.request(AdvertisedListeners.metadataRequest(List.of()));
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The error code Metadata v4 gives one topic (UNKNOWN_TOPIC_OR_PARTITION for an absent topic one may see). */
    private static short topicError(ListenerSession session, String topic) throws IOException {
        DataInputStream in = Wire.response(session.request(AdvertisedListeners.metadataRequest(List.of(topic))));
        in.readInt(); // throttle time
        AdvertisedListeners.brokers(in);
        Wire.readString(in); // cluster id
        in.readInt(); // controller id
        if (in.readInt() != 1) {
            throw new IOException("Metadata for " + topic + " did not answer exactly one topic");
        }
        return in.readShort();
    }

    /** The error code FindCoordinator v1 gives a consumer group. */
    private static short groupError(ListenerSession session, String group) throws IOException {
        Wire request = new Wire(FIND_COORDINATOR, (short) 1);
        Wire.writeString(request.body, group);
        request.body.writeByte(0); // key type: group
        DataInputStream in = Wire.response(session.request(request.bytes()));
        in.readInt(); // throttle time
        return in.readShort();
    }

    private static AgentResult failed(String why, List<String> proved) {
        return AgentResult.failed("access", why, Map.of("proved", proved));
    }
}
