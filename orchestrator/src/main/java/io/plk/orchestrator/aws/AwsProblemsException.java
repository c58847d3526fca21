package io.plk.orchestrator.aws;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by plan and apply when the preflight found problems; nothing was changed (exit code 2). */
public final class AwsProblemsException extends RuntimeException {
    private final List<AwsProblem> problems;

    public AwsProblemsException(List<AwsProblem> problems) {
        super(problems.stream().map(AwsProblem::toString)
                .collect(Collectors.joining("\n  ", "AWS preflight found " + problems.size() + " problem(s):\n  ", "")));
        this.problems = List.copyOf(problems);
    }

    public List<AwsProblem> problems() {
        return problems;
    }
}
