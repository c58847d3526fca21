package io.plk.agent.kafka;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.Patch;
import io.plk.agent.secrets.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** server.properties on disk: hashed, diffed, and replaced atomically with a backup of the old one. */
public final class ConfigFile {
    private final Path path;

    public ConfigFile(Path path) {
        this.path = path;
    }

    public String current() throws IOException {
        return Files.exists(path) ? Files.readString(path) : "";
    }

    /** sha256 of the file as it is, or null when it does not exist. */
    public String hash() throws IOException {
        return Files.exists(path) ? sha256(Files.readString(path)) : null;
    }

    public String diff(String wanted) throws IOException {
        return unifiedDiff(current(), wanted, path.toString());
    }

    /** Writes the new content via a temp file and an atomic move; the old file goes to {@code .bak}. */
    public void replace(String content) throws IOException {
        Files.createDirectories(path.getParent());
        if (Files.exists(path)) {
            Files.copy(path, path.resolveSibling(path.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path temp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The changes from {@code before} to {@code after}, found on the real text, shown with every secret value
     * masked (a changed secret shows as a masked line removed and one added).
     */
    public static String unifiedDiff(String before, String after, String name) {
        List<String> original = before.lines().toList();
        List<String> revised = after.lines().toList();
        List<String> shownBefore = Redaction.maskProperties(original);
        List<String> shownAfter = Redaction.maskProperties(revised);
        Patch<String> shown = new Patch<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(original, revised).getDeltas()) {
            shown.addDelta(delta.withChunks(shownAs(delta.getSource(), shownBefore),
                    shownAs(delta.getTarget(), shownAfter)));
        }
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a" + name, "b" + name, shownBefore, shown, 1);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static Chunk<String> shownAs(Chunk<String> chunk, List<String> shownLines) {
        return new Chunk<>(chunk.getPosition(),
                shownLines.subList(chunk.getPosition(), chunk.getPosition() + chunk.size()));
    }

    public static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
