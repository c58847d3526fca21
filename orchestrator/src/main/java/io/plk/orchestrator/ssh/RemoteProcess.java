package io.plk.orchestrator.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.sshd.client.channel.ChannelExec;

/**
 * A remote command that keeps running while this object is open, e.g. the bastion's staging server.
 * Closing it closes the command's stdin and the channel, which ends the command.
 */
public final class RemoteProcess implements AutoCloseable {
    private final ChannelExec channel;
    private final OutputStream stdin;
    private final BufferedReader stdout;

    RemoteProcess(ChannelExec channel, Duration openTimeout) throws IOException {
        this.channel = channel;
        channel.setRedirectErrorStream(false);
        channel.open().verify(openTimeout);
        this.stdin = channel.getInvertedIn();
        this.stdout = new BufferedReader(new InputStreamReader(channel.getInvertedOut(), StandardCharsets.UTF_8));
    }

    public void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next line the command prints, or null if it ended. */
    public String readLine() throws IOException {
        return stdout.readLine();
    }

    @Override
    public void close() throws IOException {
        try {
            stdin.close();
        } finally {
            channel.close(false).await(Duration.ofSeconds(5));
        }
    }
}
