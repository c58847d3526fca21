package io.plk.orchestrator.kafka;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One question about a server.properties diff: does EXTERNAL change its security protocol? On a running
 * cluster that is a rolling change the cloud side must follow: its changefeed logs in, or stops logging in.
 */
public final class ExternalProtocolSwitch {
    private static final Pattern MAP_LINE = Pattern.compile(
            "^([+-])\\s*listener\\.security\\.protocol\\.map\\s*[=:].*?\\bEXTERNAL:([A-Z_]+)", Pattern.MULTILINE);

    private ExternalProtocolSwitch() {
    }

    /** The warning for a diff whose removed and added protocol maps give EXTERNAL different protocols. */
    public static Optional<String> in(String diff) {
        if (diff == null) {
            return Optional.empty();
        }
        String before = null;
        String after = null;
        Matcher m = MAP_LINE.matcher(diff);
        while (m.find()) {
            if (m.group(1).equals("-")) {
                before = m.group(2);
            } else {
                after = m.group(2);
            }
        }
        if (before == null || after == null || before.equals(after)) {
            return Optional.empty();
        }
        String then;
        if (!after.startsWith("SASL")) {
            then = "and EXTERNAL stops asking for credentials: whatever reaches the endpoint service reads and writes"
                    + " every topic";
        } else if (!before.startsWith("SASL")) {
            then = "and TiDB Cloud's changefeed must then log in: put the SASL mechanism, user and password into its"
                    + " Kafka sink, or it stops reaching Kafka";
        } else {
            then = "and TiDB Cloud's changefeed must then turn TLS " + (after.endsWith("SSL") ? "on" : "off")
                    + " in its Kafka sink (tls_enable), or it stops reaching Kafka";
        }
        return Optional.of("EXTERNAL switches from " + before + " to " + after + ": the brokers roll one at a time, "
                + then);
    }
}
