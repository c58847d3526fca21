package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's systemd unit: what it says, and that no path or value can become another word or a specifier. */
class KafkaUnitTest {
    private static final List<String> COMMAND = List.of("/usr/lib/jvm/java-17/bin/java", "-Xms256m", "-Xmx256m",
            "-cp", "/opt/kafka dir/libs/*", "kafka.Kafka", "/home/ec2-user/50%\"$HOME\"/server.properties");

    @Test
    void restartsAfterACrashStartsAtBootAndWaitsForAControlledShutdown() {
        String unit = new KafkaUnit(2).render(COMMAND, "ec2-user");
        assertTrue(unit.contains("\nUser=ec2-user\n"), unit);
        assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
        assertTrue(unit.contains("\nTimeoutStopSec=180\n"), unit);
        assertTrue(unit.contains("\nWantedBy=multi-user.target\n"), unit);
        assertEquals("plk-kafka-2.service", new KafkaUnit(2).name());
    }

    @Test
    void eachWordIsQuotedAndSpecifiersAndVariablesStayLiteral() {
        String unit = new KafkaUnit(1).render(COMMAND, "ec2-user");
        assertTrue(unit.contains("ExecStart=\"/usr/lib/jvm/java-17/bin/java\" \"-Xms256m\" \"-Xmx256m\" \"-cp\" "
                + "\"/opt/kafka dir/libs/*\" \"kafka.Kafka\" \"/home/ec2-user/50%%\\\"$$HOME\\\"/server.properties\"\n"),
                unit);
        assertThrows(IllegalArgumentException.class, () -> KafkaUnit.quoted("a\nExecStartPre=/bin/rm"));
        assertThrows(IllegalArgumentException.class, () -> new KafkaUnit(1).render(COMMAND, "ec2 user\nGroup=root"));
    }

    @Test
    void systemdReadsTheUnitAsWritten(@TempDir Path dir) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        Path unit = Files.writeString(dir.resolve("plk-kafka-1.service"), new KafkaUnit(1).render(
                List.of("/bin/true", "a b", "50%", "$x"), System.getProperty("user.name")));
        Process p = new ProcessBuilder(analyze.toString(), "verify", "--man=no", unit.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.lines().noneMatch(l -> l.contains(unit.getFileName().toString())), out);
    }
}
