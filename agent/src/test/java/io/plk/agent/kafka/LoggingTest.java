package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {
    @TempDir
    Path home;

    @Test
    void theHomesOwnConfigurationWins() throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/log4j2.yaml"), "Configuration: {}");
        assertEquals(List.of("-Dlog4j2.configurationFile=" + home.resolve("config/log4j2.yaml")),
                Logging.options(home, home.resolve(".plk")));
    }

    @Test
    void aLog4j2HomeWithoutConfigurationGetsTheAgentsRollingServerLog() throws IOException {
        Files.createDirectories(home.resolve("libs"));
        Files.createFile(home.resolve("libs/log4j-core-2.24.3.jar"));
        List<String> options = Logging.options(home, home.resolve(".plk"));
        Path own = home.resolve(".plk/log4j2.properties");
        assertEquals(List.of("-Dlog4j2.configurationFile=" + own), options);
        String text = Files.readString(own);
        assertTrue(text.contains("${sys:kafka.logs.dir}/server.log") && text.contains("RollingFile"), text);
    }

    @Test
    void aReload4jHomeWithoutConfigurationGetsTheLog4j1Variant() throws IOException {
        Files.createDirectories(home.resolve("libs"));
        Files.createFile(home.resolve("libs/reload4j-1.2.25.jar"));
        List<String> options = Logging.options(home, home.resolve(".plk"));
        Path own = home.resolve(".plk/log4j.properties");
        assertEquals(List.of("-Dlog4j.configuration=file:" + own), options);
        assertTrue(Files.readString(own).contains("RollingFileAppender"));
    }
}
