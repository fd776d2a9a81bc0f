package io.guildflow.devtools.security;

import io.nats.client.NKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;

/** NATS credentials files as nsc writes them, generated per test with jnats' NKey API. */
final class Credentials {
    private Credentials() {
    }

    /** A seed-only credentials file, for a user the server configuration lists by its nkey. */
    static Path nkeyOnly(Path dir, NKey user) throws IOException, GeneralSecurityException {
        return write(dir, user, """
                -----BEGIN USER NKEY SEED-----
                %s
                ------END USER NKEY SEED------
                """.formatted(new String(user.getSeed())));
    }

    /** A full credentials file: the user's JWT (signed by its account) and its seed. */
    static Path withJwt(Path dir, NKey user, String jwt) throws IOException, GeneralSecurityException {
        return write(dir, user, """
                -----BEGIN NATS USER JWT-----
                %s
                ------END NATS USER JWT------

                ************************* IMPORTANT *************************
                NKEY Seed printed below can be used to sign and prove identity.
                NKEYs are sensitive and should be treated as secrets.

                -----BEGIN USER NKEY SEED-----
                %s
                ------END USER NKEY SEED------
                """.formatted(jwt, new String(user.getSeed())));
    }

    private static Path write(Path dir, NKey user, String content) throws IOException, GeneralSecurityException {
        return Files.writeString(dir.resolve(new String(user.getPublicKey()) + ".creds"), content);
    }
}
