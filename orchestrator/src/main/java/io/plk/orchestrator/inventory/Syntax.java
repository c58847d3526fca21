package io.plk.orchestrator.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an inventory value may look like before it goes into a command line or server.properties;
 * each check returns what is wrong, with what to write instead.
 */
final class Syntax {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9_.@:][A-Za-z0-9_.@:-]{0,254}");
    private static final Pattern PROPERTY_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern AZ_ID = Pattern.compile("[a-z]+[0-9]+-az[0-9]+");

    static final String COMMAND_EXAMPLE = "write the program and its arguments as a list, e.g. "
            + "[sudo, systemctl, start, kafka] or [/opt/kafka/bin/kafka-server-start.sh, -daemon, "
            + "/opt/kafka/config/server.properties]";

    private Syntax() {
    }

    /** A command written as one plain value: a lone program only, since splitting a line takes a shell's rules. */
    static Optional<String> loneProgram(String value) {
        if (value.isBlank()) {
            return Optional.of("is empty; " + COMMAND_EXAMPLE);
        }
        return value.chars().anyMatch(Character::isWhitespace)
                ? Optional.of("'" + value + "' is a command line, and no shell runs it: " + COMMAND_EXAMPLE
                        + " (for shell syntax, write [sh, -c, \"<line>\"] yourself)")
                : Optional.empty();
    }

    static Optional<String> controlCharacter(String value) {
        Matcher m = CONTROL.matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(String.format("contains the control character U+%04X at position %d; write the value "
                + "on one line, without tabs, line breaks or escapes", (int) value.charAt(m.start()), m.start() + 1));
    }

    static Optional<String> host(String value) {
        if (IPV4.matcher(value).matches() || DNS_NAME.matcher(value).matches() && !value.matches("[0-9.]+")
                || isIpv6(value)) {
            return Optional.empty();
        }
        return Optional.of("'" + value + "' is not an IPv4 address, an IPv6 address or a DNS name; write an "
                + "address such as 10.0.0.12 or a name such as broker1.example.internal (no port, no spaces)");
    }

    private static boolean isIpv6(String value) {
        if (!IPV6_CHARACTERS.matcher(value).matches()) {
            return false;
        }
        try {
            // only hex digits, ':' and '.': parsed as a literal, never looked up
            return InetAddress.getByName(value) instanceof java.net.Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static Optional<String> user(String value) {
        return USER.matcher(value).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not a POSIX user name; write 1-32 characters a-z, 0-9, '_' and "
                        + "'-' starting with a letter or '_', e.g. ec2-user");
    }

    static Optional<String> systemdUnit(String value) {
        return UNIT.matcher(value).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not a systemd unit name; write the unit as systemctl lists it, "
                        + "e.g. kafka or kafka.service (letters, digits, '_', '.', '@', ':', '-', not starting with '-')");
    }

    /** An AZ ID, unlike an AZ name, is the same zone in every account: TiDB Cloud and the subnets go by it. */
    static Optional<String> azId(String value) {
        return AZ_ID.matcher(value).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not an AZ ID: write <region-code>-az<N>, e.g. usw2-az1 "
                        + "(an AZ ID, not an AZ name such as us-west-2a)");
    }

    static Optional<String> propertyKey(String value) {
        return PROPERTY_KEY.matcher(value).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not a Kafka configuration key; write a key such as "
                        + "num.partitions (letters, digits, '.', '_' and '-')");
    }

    /**
     * The advertised listener pattern: each placeholder once, {@code :<port>} at the end, and the
     * rest DNS characters, so that the rendered name is one host and one port, never a second listener.
     */
    static Optional<String> listenerPattern(String pattern) {
        String example = "; copy the pattern from TiDB Cloud, e.g. "
                + "\"<broker_id>.<az_id>.<unique_name>.aws.plc.tidbcloud.com:<port>\"";
        for (String placeholder : InventoryLoader.PATTERN_PLACEHOLDERS) {
            int count = pattern.split(Pattern.quote(placeholder), -1).length - 1;
            if (count == 0) {
                return Optional.of("lacks " + placeholder
                        + "; the pattern must contain <broker_id>, <az_id>, <unique_name> and <port>");
            }
            if (count > 1) {
                return Optional.of("has " + placeholder + " " + count + " times; write each placeholder once"
                        + example);
            }
        }
        if (!pattern.endsWith(":<port>")) {
            return Optional.of("'" + pattern + "' does not end with ':<port>'; the port comes last, after the "
                    + "last ':'" + example);
        }
        String literal = pattern.substring(0, pattern.length() - ":<port>".length());
        for (String placeholder : InventoryLoader.PATTERN_PLACEHOLDERS) {
            literal = literal.replace(placeholder, "");
        }
        Matcher unknown = Pattern.compile("<[^>]*>").matcher(literal);
        if (unknown.find()) {
            return Optional.of("'" + unknown.group() + "' is not a placeholder; use only <broker_id>, <az_id>, "
                    + "<unique_name> and <port>");
        }
        Matcher wrong = Pattern.compile("[^A-Za-z0-9.-]").matcher(literal);
        if (wrong.find()) {
            return Optional.of("'" + wrong.group() + "' is not allowed in the host name part; besides the "
                    + "placeholders write only a-z, 0-9, '.' and '-'" + example);
        }
        return Optional.empty();
    }
}
