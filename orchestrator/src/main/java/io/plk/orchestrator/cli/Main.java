package io.plk.orchestrator.cli;

import io.plk.orchestrator.aws.AwsProblemsException;
import io.plk.orchestrator.inventory.InventoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar orchestrator.jar <command> <inventory>}. Exit codes: 0 done, 1 failed, 2 bad input. */
@Command(name = "orchestrator.jar", mixinStandardHelpOptions = true, version = "plk 0.1.0",
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof InventoryException || e instanceof AwsProblemsException
                            || e instanceof IllegalArgumentException) {
                        cmd.getErr().println(e.getMessage());
                        return BAD_INPUT;
                    }
                    cmd.getErr().println("failed: " + e.getMessage());
                    return FAILED;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
