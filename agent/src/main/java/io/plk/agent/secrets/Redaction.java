package io.plk.agent.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place secrets are masked before text reaches a log, a diff or the plan output: the value of
 * every key whose name contains password, secret, jaas, token, private key or keystore.key (Kafka's inline PEM
 * key), any case, in properties lines
 * ({@code key=value}, {@code key: value}, also as unified-diff lines starting with +, - or a space)
 * and in JSON members ({@code "key":"value"}). {@link #maskProperties} also masks the continuation lines of a
 * value that goes on over several lines (a JAAS config, typically), which a diff may show without their key.
 */
public final class Redaction {
    public static final String MASK = "****";
    private static final String SECRET_KEY = "[A-Za-z0-9_.-]*(?i:password|secret|jaas|token|private[._-]?key"
            + "|keystore\\.key)[A-Za-z0-9_.-]*";
    private static final Pattern PROPERTY = Pattern.compile(
            "^([ +-]?[ \\t]*" + SECRET_KEY + "[ \\t]*[=:][ \\t]*)(\\S.*)$", Pattern.MULTILINE);
    private static final Pattern JSON_MEMBER = Pattern.compile(
            "(\"" + SECRET_KEY + "\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)+)(\")");

    private Redaction() {
    }

    /** The lines of a properties file with each secret value masked, continuation lines included; one for one. */
    public static List<String> maskProperties(List<String> lines) {
        List<String> masked = new ArrayList<>(lines.size());
        boolean continued = false;
        boolean secret = false;
        for (String line : lines) {
            if (continued) {
                masked.add(secret ? line.substring(0, line.length() - line.stripLeading().length()) + MASK : line);
            } else {
                secret = PROPERTY.matcher(line).find();
                masked.add(secret ? mask(line) : line);
            }
            continued = (continued || !isComment(line)) && endsWithEscape(line);
        }
        return masked;
    }

    private static boolean isComment(String line) {
        String text = line.stripLeading();
        return text.startsWith("#") || text.startsWith("!");
    }

    /** An odd number of trailing backslashes: the value goes on on the next line. */
    private static boolean endsWithEscape(String line) {
        int backslashes = line.length() - line.replaceAll("\\\\+$", "").length();
        return backslashes % 2 == 1;
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String json = JSON_MEMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        return PROPERTY.matcher(json).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
