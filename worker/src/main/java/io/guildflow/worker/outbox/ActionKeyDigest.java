package io.guildflow.worker.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An outbox action's key (an interaction id or a job run's UUID, a counter) as a short name of hex digits, where
 * the key's own characters are not allowed: Discord's nonce, the posts bucket's keys.
 */
final class ActionKeyDigest {
    private ActionKeyDigest() {
    }

    /** The first {@code chars} hex digits (at most 64) of the key's SHA-256. */
    static String hex(String actionKey, int chars) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(actionKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, chars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
