package io.guildflow.common.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where NATS is, how to authenticate and whom to trust: {@code NATS_URL}, {@code NATS_CREDS}, {@code NATS_CA_FILE}. */
public record NatsSettings(List<String> urls, Optional<Path> credentials, Optional<Path> caFile) {
    public NatsSettings {
        urls = List.copyOf(urls);
    }

    /** TLS when a URL asks for it ({@code tls://}, {@code wss://}) or a CA is given: then always with verification. */
    public boolean usesTls() {
        return caFile.isPresent() || urls.stream().anyMatch(url -> url.startsWith("tls://") || url.startsWith("wss://"));
    }

    /** The servers, as NATS_URL lists them but with any password or token hidden: safe for messages. */
    public String describe() {
        return redact(String.join(",", urls));
    }

    /** How this connection authenticates, for a message when the server refuses it; empty without credentials. */
    public Optional<String> credentialSource() {
        if (credentials.isPresent()) {
            return Optional.of("NATS_CREDS=" + credentials.get());
        }
        for (String url : urls) {
            int slashes = url.indexOf("//");
            int at = url.lastIndexOf('@');
            if (slashes >= 0 && at > slashes) {
                return Optional.of(url.substring(slashes + 2, at).contains(":")
                        ? "the user and password in NATS_URL" : "the token in NATS_URL");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code nats://user:pass@host} → {@code nats://user:****@host}; {@code nats://token@host} →
     * {@code nats://****@host}; also for malformed values, which are shown in complaints.
     */
    public static String redact(String urls) {
        return Arrays.stream(urls.split(",", -1)).map(NatsSettings::redactOne).collect(Collectors.joining(","));
    }

    private static String redactOne(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int slashes = url.indexOf("//");
        int start = slashes < 0 || slashes > at ? 0 : slashes + 2;
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? "****" : userInfo.substring(0, colon) + ":****";
        return url.substring(0, start) + shown + url.substring(at);
    }
}
