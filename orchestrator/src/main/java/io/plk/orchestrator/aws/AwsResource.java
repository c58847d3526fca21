package io.plk.orchestrator.aws;

/** One AWS resource as the user sees it in a list: its type, id and Name tag. */
public record AwsResource(String type, String id, String name) {
    @Override
    public String toString() {
        return type + " " + id + (name == null ? "" : " (Name " + name + ")");
    }
}
