package io.plk.orchestrator.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Keeps everything a remote stream writes and, if asked, hands each complete line to a consumer with a prefix.
 * Written to by the SSH I/O threads, so the consumer must not block for long.
 */
final class OutputCapture extends OutputStream {

    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final String prefix;
    private final Consumer<String> lines;

    OutputCapture(String prefix, Consumer<String> lines) {
        this.prefix = prefix;
        this.lines = lines;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        all.write(bytes, offset, length);
        if (lines == null) {
            return;
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                emitLine();
            } else {
                line.write(bytes[i]);
            }
        }
    }

    /** Hands over a last line that had no newline. */
    synchronized void finish() {
        if (lines != null && line.size() > 0) {
            emitLine();
        }
    }

    synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }

    private void emitLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        lines.accept(prefix + (text.endsWith("\r") ? text.substring(0, text.length() - 1) : text));
    }
}
