package io.plk.orchestrator.plays;

import io.plk.orchestrator.ssh.Shell;

/**
 * The remote line that unpacks the JDK archive once into its JAVA_HOME, checking the archive against
 * {@code cluster.java.sha512} first when one is given. Prints {@code ok} or {@code changed}.
 */
final class JdkUnpack {
    private JdkUnpack() {
    }

    static String command(String home, String archive, String sha512) {
        String check = sha512 == null ? "" : Sha512Check.line(archive, sha512,
                archive + " does not match cluster.java.sha512; nothing was unpacked") + "; ";
        return Shell.format("test -x {}/bin/java && echo ok || { ", home) + check
                + Shell.format("mkdir -p -- {} && tar -xzf {} -C {} --strip-components=1 && echo changed; }", home,
                archive, home);
    }
}
