package io.plk.orchestrator.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logback.xml: a private folder, private logs, secret values masked. */
class RunLogTest {
    @TempDir
    Path home;

    @Test
    void writesPrivateLogsWithSecretsMasked() throws Exception {
        Path logs = home.resolve(".plk/logs");
        Files.createDirectories(logs);
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("PLK_LOG_DIR", logs.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(RunLogTest.class.getResource("/logback.xml"));
        context.getLogger("io.plk.test").info("+ssl.keystore.password=x\n-sasl.jaas.config=org.Plain required "
                + "password=\"x\";\n {\"serveToken\":\"tok\"} node.id=1");
        context.stop();

        List<Path> files;
        try (var list = Files.list(logs)) {
            files = list.toList();
        }
        assertEquals(1, files.size(), files.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))));
        String log = Files.readString(files.get(0));
        assertTrue(log.contains("+ssl.keystore.password=****\n-sasl.jaas.config=****\n {\"serveToken\":\"****\"}"),
                log);
        assertFalse(log.contains("password=\"x\"") || log.contains("tok\""), log);
    }

    @Test
    void createsAMissingFolderPrivate() throws Exception {
        Path logs = home.resolve("new/logs");
        PrivateFileAppender<Object> appender = new PrivateFileAppender<>();
        appender.setContext(new LoggerContext());
        appender.openFile(logs.resolve("run.log").toString());
        appender.stop();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(logs.resolve("run.log"))));
    }
}
