package io.guildflow.worker.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guildflow.worker.database.PostgresFailures.Cause;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The classification of the exceptions pgjdbc really throws, without a PostgreSQL: a closed port, a name under
 * {@code .invalid}, and a loopback socket speaking just enough of PostgreSQL's protocol to refuse TLS or answer a
 * start-up with a server error (SQLSTATE), including the refused password this repository's trust-auth server
 * cannot give.
 */
class DriverFailuresTest {

    @Test
    void aClosedPortIsRefusedThoughTheDriverSaysHostname() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SQLException error = connect("jdbc:postgresql://127.0.0.1:" + closed + "/bot?sslmode=disable");
        assertTrue(error.getMessage().contains("hostname"), error.getMessage());
        assertEquals(Cause.REFUSED, PostgresFailures.classify(error));
    }

    @Test
    void anUnresolvableHostIsUnknown() {
        assertEquals(Cause.UNKNOWN_HOST, PostgresFailures.classify(connect("jdbc:postgresql://nohost.invalid/bot")));
    }

    @Test
    void aServerWithoutTlsUnderSslmodeRequireIsTls() throws Exception {
        SQLException error = against(out -> write(out, new byte[] {'N'}), "sslmode=require");
        assertEquals(Cause.TLS, PostgresFailures.classify(error));
        assertTrue(PostgresFailures.unusable("postgresql://db:5432/bot", error).getMessage()
                .startsWith("PostgreSQL at postgresql://db:5432/bot failed TLS verification"), error.getMessage());
    }

    @Test
    void serverErrorsAtStartUpAreToldApartByTheirState() throws Exception {
        assertEquals(Cause.MISSING_DATABASE, PostgresFailures.classify(against(
                out -> write(out, fatal("3D000", "database \"bot\" does not exist")), "sslmode=disable")));
        assertEquals(Cause.AUTHENTICATION, PostgresFailures.classify(against(
                out -> write(out, fatal("28P01", "password authentication failed for user \"bot\"")), "sslmode=disable")));
        assertEquals(Cause.AUTHENTICATION, PostgresFailures.classify(against(
                out -> write(out, fatal("28000", "role \"bot\" does not exist")), "sslmode=disable")));
        SQLException missing = against(out -> write(out, fatal("3D000", "database \"bot\" does not exist")),
                "sslmode=disable");
        assertEquals("PostgreSQL at postgresql://db:5432/bot has no such database (DATABASE_URL): create it (createdb,"
                + " or CREATE DATABASE) or correct the database name: FATAL: database \"bot\" does not exist",
                PostgresFailures.unusable("postgresql://db:5432/bot", missing).getMessage());
    }

    private static SQLException connect(String url) {
        return assertThrows(SQLException.class, () -> DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                + "user=bot&password=pw&connectTimeout=5&gssEncMode=disable").close());
    }

    /** One connection to a socket that reads the client's first message and answers with {@code reply}. */
    private static SQLException against(Consumer<OutputStream> reply, String sslmode) throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket client = server.accept()) {
                    DataInputStream in = new DataInputStream(client.getInputStream());
                    in.readFully(new byte[in.readInt() - 4]);
                    reply.accept(client.getOutputStream());
                    client.getOutputStream().flush();
                    while (in.read() >= 0) {
                        // until the driver hangs up
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            SQLException error = connect("jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/bot?" + sslmode);
            served.get();
            return error;
        }
    }

    /** An ErrorResponse message as PostgreSQL sends one when it refuses a start-up. */
    private static byte[] fatal(String state, String message) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String field : new String[] {"SFATAL", "VFATAL", "C" + state, "M" + message}) {
            fields.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            fields.write(0);
        }
        fields.write(0);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(frame)) {
            out.writeByte('E');
            out.writeInt(fields.size() + 4);
            out.write(fields.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return frame.toByteArray();
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
