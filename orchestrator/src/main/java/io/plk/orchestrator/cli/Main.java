package io.plk.orchestrator.cli;

import io.plk.orchestrator.aws.AwsProblemsException;
import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.inventory.InventoryException;
import io.plk.orchestrator.plays.GateBlockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar orchestrator.jar <command> <inventory>}. Exit codes: 0 done, 1 an operation failed, 2 bad
 * input (found before anything was changed), 3 blocked by a safety gate (nothing unsafe was done).
 */
@Command(name = "orchestrator.jar", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "plk 0.1.0",
        description = "Self-hosted KRaft Kafka exposed to TiDB Cloud through an AWS PrivateLink endpoint service.",
        subcommands = {
            ValidateCommand.class,
            RenderCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            RollingRestartCommand.class,
            SetUniqueNameCommand.class,
            StatusCommand.class,
            VerifyCommand.class,
            AcceptConnectionsCommand.class,
            DestroyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int BLOCKED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    int code = exitCode(e);
                    cmd.getErr().println(code == FAILED ? "failed: " + e.getMessage() : e.getMessage());
                    return code;
                })
                .execute(args);
    }

    /** Only input errors raised before any change are "bad input"; anything else thrown later is a failure. */
    static int exitCode(Exception e) {
        if (e instanceof InventoryException || e instanceof AwsProblemsException || e instanceof BadInputException) {
            return BAD_INPUT;
        }
        return e instanceof GateBlockedException ? BLOCKED : FAILED;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
