package io.plk.orchestrator.aws;

/**
 * An AWS call failed: names the resource and the API call. Whatever was created before stays
 * tagged, so the next apply finds it and finishes the job.
 */
public final class AwsOperationException extends RuntimeException {
    public AwsOperationException(String resource, String operation, Throwable cause) {
        super(operation + " failed for " + resource + ": " + cause.getMessage(), cause);
    }
}
