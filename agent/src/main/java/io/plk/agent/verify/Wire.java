package io.plk.agent.verify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Kafka's wire format for the few raw requests the agent sends over a {@code ListenerSession}: old,
 * non-flexible versions that Kafka 2.x to 4.x all serve, so one encoding fits every broker.
 */
final class Wire {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DataOutputStream body = new DataOutputStream(bytes);

    /** A request: its header (api key, version, correlation id 1, client id), then what the caller writes. */
    Wire(short apiKey, short version) throws IOException {
        body.writeShort(apiKey);
        body.writeShort(version);
        body.writeInt(1);
        writeString(body, "plk-agent");
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** A response after its correlation id. */
    static DataInputStream response(ByteBuffer response) throws IOException {
        byte[] bytes = new byte[response.remaining()];
        response.get(bytes);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.readInt();
        return in;
    }

    static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    static String readString(DataInputStream in) throws IOException {
        short length = in.readShort();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
