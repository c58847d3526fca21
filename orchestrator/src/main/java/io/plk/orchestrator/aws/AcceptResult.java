package io.plk.orchestrator.aws;

import java.util.List;

/**
 * What accept-connections did.
 *
 * @param accepted endpoint ids accepted
 * @param ignored  pending endpoints left alone because their owner is not an allowed principal
 * @param failed   endpoint ids AWS refused to accept, with its error
 */
public record AcceptResult(List<String> accepted, List<String> ignored, List<String> failed) {
    public AcceptResult {
        accepted = List.copyOf(accepted);
        ignored = List.copyOf(ignored);
        failed = List.copyOf(failed);
    }
}
