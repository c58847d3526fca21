package io.plk.orchestrator.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.scp.client.ScpClientCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated SSH session to one host, reused for every command and upload. Safe to use from several
 * threads; each command or upload takes its own channel (OpenSSH allows 10 at once per session by default).
 */
public final class RemoteHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteHost.class);

    private final HostAddress address;
    private final ClientSession session;
    private final AutoCloseable tunnel;
    private final Duration defaultTimeout;
    private final AtomicLong uploadedBytes;

    RemoteHost(HostAddress address, ClientSession session, AutoCloseable tunnel, Duration defaultTimeout,
            AtomicLong uploadedBytes) {
        this.address = address;
        this.session = session;
        this.tunnel = tunnel;
        this.defaultTimeout = defaultTimeout;
        this.uploadedBytes = uploadedBytes;
    }

    public HostAddress address() {
        return address;
    }

    ClientSession session() {
        return session;
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** Runs a command with the default timeout, no input and no streaming. */
    public ExecResult exec(String commandLine) throws IOException {
        return exec(Command.of(commandLine));
    }

    /**
     * Runs a command and waits for it to end. A non-zero exit is returned, not thrown (see
     * {@link ExecResult#requireSuccess()}); a command that outlives its timeout has its channel closed and throws
     * {@link CommandTimeoutException} (the remote process is not killed: wrap it in {@code timeout} for that).
     */
    public ExecResult exec(Command command) throws IOException {
        Duration timeout = command.timeout() == null ? defaultTimeout : command.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        String prefix = "[" + address.host() + "] ";
        OutputCapture out = new OutputCapture(prefix, command.output());
        OutputCapture err = new OutputCapture(prefix, command.output());
        LOG.info("{}$ {}", prefix, command.line());
        try (ChannelExec channel = session.createExecChannel(command.line())) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(timeout);
            sendInput(channel, command.stdin());
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), left);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                channel.close(true);
                throw new CommandTimeoutException(address, command.line(), timeout);
            }
            out.finish();
            err.finish();
            Integer status = channel.getExitStatus();
            String stderr = err.text();
            if (status == null && channel.getExitSignal() != null) {
                stderr += "\n(killed by signal " + channel.getExitSignal() + ")";
            }
            ExecResult result = new ExecResult(address, command.line(), status == null ? -1 : status,
                    out.text(), stderr);
            LOG.info("{}exit {}", prefix, result.exitCode());
            // stdout may be a file's content (cat server.properties) or a config diff: only its size is logged
            LOG.debug("{}stdout: {} chars\n{}stderr:\n{}", prefix, result.stdout().length(), prefix, result.stderr());
            return result;
        }
    }

    /** Writes the command's input and closes it; a command that ended without reading it is not an error. */
    private static void sendInput(ChannelExec channel, byte[] input) throws IOException {
        OutputStream stdin = channel.getInvertedIn();
        try {
            if (input.length > 0) {
                stdin.write(input);
            }
            stdin.close();
        } catch (IOException e) {
            if (channel.isOpen() && !channel.isClosing()) {
                throw e;
            }
        }
    }

    /** Starts a command whose stdin stays open until the returned process is closed. */
    public RemoteProcess start(String commandLine) throws IOException {
        LOG.info("[{}] $ {} (kept running)", address.host(), commandLine);
        return new RemoteProcess(session.createExecChannel(commandLine), defaultTimeout);
    }

    /**
     * Copies a local file to {@code remotePath} with SCP unless the host already has a file there with the same
     * sha256. The bytes go to {@code remotePath.part} first and are renamed into place, so an interrupted upload
     * never leaves a truncated file under the final name. Missing parent directories are created.
     */
    public UploadResult upload(Path local, String remotePath) throws IOException {
        String sha256 = sha256(local);
        if (sha256.equals(remoteSha256(remotePath))) {
            LOG.info("[{}] {} already has sha256 {}: not sent", address.host(), remotePath, sha256);
            return new UploadResult(remotePath, sha256, false, 0);
        }
        long size = Files.size(local);
        String partial = remotePath + ".part";
        String parent = remotePath.contains("/") ? remotePath.substring(0, remotePath.lastIndexOf('/')) : "";
        if (!parent.isEmpty()) {
            exec(Shell.line("mkdir", "-p", "--", parent)).requireSuccess();
        }
        long started = System.nanoTime();
        ScpClientCreator.instance().createScpClient(session).upload(local, partial);
        exec(Shell.line("mv", "-f", "--", partial, remotePath)).requireSuccess();
        uploadedBytes.addAndGet(size);
        LOG.info("[{}] sent {} ({} bytes) in {} ms", address.host(), remotePath, size,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new UploadResult(remotePath, sha256, true, size);
    }

    /** The hex sha256 of a remote file (via {@code sha256sum}), or null if it cannot be read. */
    public String remoteSha256(String remotePath) throws IOException {
        ExecResult result = exec(Shell.line("sha256sum", "--", remotePath));
        if (!result.succeeded()) {
            return null;
        }
        String digest = result.stdout().strip().split("\\s+", 2)[0];
        return digest.matches("[0-9a-f]{64}") ? digest : null;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException e) {
            LOG.debug("Closing the session to {}", address, e);
        }
        if (tunnel != null) {
            try {
                tunnel.close();
            } catch (Exception e) {
                LOG.debug("Closing the tunnel to {}", address, e);
            }
        }
    }

    @Override
    public String toString() {
        return address.toString();
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
