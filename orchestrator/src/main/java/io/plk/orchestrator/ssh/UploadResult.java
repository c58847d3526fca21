package io.plk.orchestrator.ssh;

/**
 * What an upload did.
 *
 * @param remotePath where the file is on the host
 * @param sha256     hex sha256 of the file
 * @param sent       false when the host already had a file with the same sha256
 * @param bytesSent  bytes of file content sent (0 when skipped)
 */
public record UploadResult(String remotePath, String sha256, boolean sent, long bytesSent) {
}
