package io.plk.orchestrator.plays;

/** A file the bastion serves to the brokers, with the sha256 brokers check after downloading it. */
public record StagedFile(String name, String sha256) {
}
