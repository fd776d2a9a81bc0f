package io.guildflow.common.nats;

import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where NATS is, how to authenticate and whom to trust: {@code NATS_URL}, {@code NATS_CREDS}, {@code NATS_CA_FILE}. */
public record NatsServers(List<String> urls, Optional<Path> credentials, Optional<Path> caFile) {
    public static final String DEFAULT_URL = "nats://localhost:4222";

    public NatsServers {
        urls = List.copyOf(urls);
    }

    public static NatsServers from(EnvironmentValues values) {
        return new NatsServers(
                values.secret("NATS_URL").map(urls -> urls(urls.variable(), urls.value())).orElse(List.of(DEFAULT_URL)),
                values.readableFile("NATS_CREDS", "a readable NATS credentials (.creds) file"),
                values.readableFile("NATS_CA_FILE",
                        "a readable PEM file with the CA certificate(s) that signed the NATS servers' certificates"));
    }

    private static List<String> urls(String variable, String value) {
        List<String> urls = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        // The value may carry a password or token (nats://user:pass@host): the complaint shows it redacted.
        if (urls.isEmpty() || !urls.stream().allMatch(url -> url.matches("(nats|tls|ws|wss)://[^\\s/]+(:\\d+)?/?"))) {
            throw ConfigException.invalid(variable, redact(value),
                    "nats://[user:password@]host:4222 or tls://…, comma-separated for a cluster");
        }
        return urls;
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
        return Arrays.stream(urls.split(",", -1)).map(NatsServers::redactOne).collect(Collectors.joining(","));
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

    /** Hides what may be secret: a URL can carry a password or token. */
    @Override
    public String toString() {
        return "NatsServers[" + describe() + "]";
    }
}
