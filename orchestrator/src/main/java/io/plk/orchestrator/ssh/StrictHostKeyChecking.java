package io.plk.orchestrator.ssh;

import java.util.Arrays;
import java.util.Locale;

/**
 * What to do with a host whose key is not in known_hosts, named as in OpenSSH's {@code StrictHostKeyChecking}.
 * A key that differs from the recorded one is refused in every mode.
 */
public enum StrictHostKeyChecking {
    /** Unknown hosts are refused; keys must be put into known_hosts beforehand. */
    YES("yes"),
    /** Unknown hosts are trusted on first use and recorded in known_hosts. */
    ACCEPT_NEW("accept-new");

    private final String configValue;

    StrictHostKeyChecking(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** Parses the OpenSSH spelling: {@code yes} or {@code accept-new}. */
    public static StrictHostKeyChecking parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(mode -> mode.configValue.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "strictHostKeyChecking must be 'yes' or 'accept-new', got '" + value + "'"));
    }
}
