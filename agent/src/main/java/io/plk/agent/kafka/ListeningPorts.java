package io.plk.agent.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** TCP ports in LISTEN state on this host, from /proc/net/tcp and tcp6 (Linux). */
final class ListeningPorts {
    private static final String LISTEN = "0A";

    private ListeningPorts() {
    }

    static Set<Integer> read() {
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && LISTEN.equals(fields[3]) && fields[1].contains(":")) {
                        ports.add(Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux, or the table is unreadable: report what the other table has
            }
        }
        return ports;
    }
}
