package io.plk.orchestrator.ssh;

import java.io.IOException;
import java.time.Duration;

/** A remote command did not finish in time; its channel was closed. */
public class CommandTimeoutException extends IOException {

    public CommandTimeoutException(HostAddress host, String command, Duration timeout) {
        super("Command on " + host + " did not finish within " + timeout.toSeconds() + "s: " + command);
    }
}
