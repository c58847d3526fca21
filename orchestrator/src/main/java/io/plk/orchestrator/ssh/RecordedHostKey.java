package io.plk.orchestrator.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A known_hosts line that records a key of one host (no {@code @revoked} or {@code @cert-authority} marker). */
record RecordedHostKey(int lineNumber, String line, String keyType, PublicKey key) {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedHostKey.class);

    /** The keys recorded for {@code host}, read afresh, in file order; unreadable lines are skipped as MINA does. */
    static List<RecordedHostKey> of(Path knownHosts, HostAddress host) {
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(knownHosts), StandardCharsets.UTF_8).lines().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", knownHosts, e.toString());
            return List.of();
        }
        List<RecordedHostKey> recorded = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(lines.get(i));
                if (entry != null && entry.getMarker() == null && entry.isHostMatch(host.host(), host.port())) {
                    PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.UNSUPPORTED);
                    String type = entry.getKeyEntry().getKeyType();
                    recorded.add(new RecordedHostKey(i + 1, lines.get(i).strip(), type, key));
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.debug("Skipping line {} of {}: {}", i + 1, knownHosts, e.toString());
            }
        }
        return recorded;
    }
}
