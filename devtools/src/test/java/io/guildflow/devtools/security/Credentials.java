package io.guildflow.devtools.security;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
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

    /** A self-signed operator JWT, the root of trust of a server in operator mode. */
    static String operatorJwt(NKey operator) throws IOException, GeneralSecurityException {
        String id = new String(operator.getPublicKey());
        return JwtUtils.issueJWT(operator, id, "guildflow-test-operator", null, JwtUtils.currentTimeSeconds(), id, null,
                () -> "{\"type\":\"operator\",\"version\":2}");
    }

    /** An account JWT signed by the operator; JetStream is allowed unless it is the system account. */
    static String accountJwt(NKey operator, NKey account, boolean jetStream) throws IOException, GeneralSecurityException {
        String storage = jetStream ? ",\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1" : "";
        return JwtUtils.issueJWT(operator, new String(account.getPublicKey()), "guildflow-test-account", null,
                JwtUtils.currentTimeSeconds(), new String(operator.getPublicKey()), null,
                () -> "{\"type\":\"account\",\"version\":2,\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
                        + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1" + storage + "}}");
    }

    private static Path write(Path dir, NKey user, String content) throws IOException, GeneralSecurityException {
        return Files.writeString(dir.resolve(new String(user.getPublicKey()) + ".creds"), content);
    }
}
