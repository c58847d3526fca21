package io.plk.orchestrator.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text as its blocks ({@code -----BEGIN <label>-----} ... {@code -----END <label>-----}), and back. */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);

    private Pem() {
    }

    /** One block; its body is decoded only when asked, as an encrypted traditional key carries headers. */
    public record Block(String label, String body) {
        public byte[] der() throws TlsFileException {
            try {
                return Base64.getMimeDecoder().decode(body.strip());
            } catch (IllegalArgumentException e) {
                throw new TlsFileException("its " + label + " block is not valid base64: " + e.getMessage());
            }
        }
    }

    public static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }

    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
