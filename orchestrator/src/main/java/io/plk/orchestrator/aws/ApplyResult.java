package io.plk.orchestrator.aws;

import java.util.List;

/** What apply changed (empty for a no-op run) and what it provisioned. */
public record ApplyResult(List<Change> changes, AwsOutputs outputs) {
    public ApplyResult {
        changes = List.copyOf(changes);
    }
}
