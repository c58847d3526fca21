package io.plk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The cloud user's password in no file on the bastion or a broker, nor here outside its own private file. */
final class PasswordSearch {
    private PasswordSearch() {
    }

    static void assertWrittenNowhere(Lab lab, Path work) throws Exception {
        String password = lab.cloudPassword();
        List<LabHost> hosts = new ArrayList<>(lab.brokers().stream().map(LabBroker::host).toList());
        hosts.add(lab.bastion());
        for (LabHost host : hosts) {
            String found = host.sh("grep -rIlF -e '" + password + "' /home /tmp /etc /opt /var/log 2>/dev/null || true");
            assertEquals("", found.strip(), "the password is in a file on " + host);
        }
        List<Path> local = new ArrayList<>();
        Path runLog = Path.of("target/plk-logs/plk-test.log");
        assertTrue(Files.size(runLog) > 0, "the run log the search covers: " + runLog.toAbsolutePath());
        for (Path root : List.of(work, runLog.getParent(), Path.of(System.getProperty("user.home"), ".plk"))) {
            if (!Files.exists(root)) {
                continue; // ~/.plk holds a real run's logs: absent where only the tests ran
            }
            try (var files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(f -> !f.equals(lab.cloudPasswordFile()))
                        .filter(f -> contains(f, password)).forEach(local::add);
            }
        }
        assertEquals(List.of(), local, "files here that hold the password");
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
