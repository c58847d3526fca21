package io.plk.orchestrator.inventory;

import java.nio.file.Path;

/**
 * An archive to install: an http(s) URL or a local file (already resolved against the inventory).
 *
 * @param sha512 expected checksum in hex, or null
 */
public record Artifact(String location, String sha512) {

    public boolean isUrl() {
        return location.startsWith("http://") || location.startsWith("https://");
    }

    /** The archive's file name, e.g. {@code kafka_2.13-3.7.1.tgz}. */
    public String fileName() {
        String trimmed = location.replaceAll("[?#].*$", "");
        return isUrl() ? trimmed.substring(trimmed.lastIndexOf('/') + 1) : Path.of(trimmed).getFileName().toString();
    }
}
