package io.plk.agent.secrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place secrets are masked before text reaches a log, a diff or the plan output: the value of
 * every key whose name contains password, secret, jaas or token (any case), in properties lines
 * ({@code key=value}, {@code key: value}, also as unified-diff lines starting with +, - or a space)
 * and in JSON members ({@code "key":"value"}).
 */
public final class Redaction {
    public static final String MASK = "****";
    private static final String SECRET_KEY = "[A-Za-z0-9_.-]*(?i:password|secret|jaas|token)[A-Za-z0-9_.-]*";
    private static final Pattern PROPERTY = Pattern.compile(
            "^([ +-]?[ \\t]*" + SECRET_KEY + "[ \\t]*[=:][ \\t]*)(\\S.*)$", Pattern.MULTILINE);
    private static final Pattern JSON_MEMBER = Pattern.compile(
            "(\"" + SECRET_KEY + "\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)+)(\")");

    private Redaction() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String json = JSON_MEMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        return PROPERTY.matcher(json).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
