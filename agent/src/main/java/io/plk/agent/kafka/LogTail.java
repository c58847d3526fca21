package io.plk.agent.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a broker log, for error messages. */
public final class LogTail {
    private LogTail() {
    }

    public static String of(Path logDir, int lines) {
        for (String name : List.of("kafkaServer.out", "server.log")) {
            Path file = logDir.resolve(name);
            try {
                if (Files.isRegularFile(file) && Files.size(file) > 0) {
                    List<String> all = Files.readAllLines(file);
                    return file + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
                }
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e.getMessage() + ")";
            }
        }
        return "(no log in " + logDir + ")";
    }
}
