package io.plk.orchestrator.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A SCRAM user of the EXTERNAL listener. The inventory holds where its password is, never the
 * password: a file only its owner can read, or an environment variable. It is read when needed and
 * goes to a broker's agent on stdin only.
 *
 * @param passwordFile the file (its last line break is not part of the password), or null
 * @param passwordEnv  the environment variable, or null
 * @param acls         what it may do when the brokers enforce ACLs; empty without the authorizer
 */
public record ScramUserSpec(String name, Path passwordFile, String passwordEnv, List<AclGrant> acls) {

    public ScramUserSpec {
        acls = List.copyOf(acls);
    }

    public String password() throws IOException {
        String password = passwordFile != null ? Files.readString(passwordFile, StandardCharsets.UTF_8)
                .replaceFirst("\r?\n$", "") : System.getenv(passwordEnv);
        return password == null ? "" : password;
    }

    /** Where the password comes from, for messages. */
    public String source() {
        return passwordFile != null ? passwordFile.toString() : "$" + passwordEnv;
    }
}
