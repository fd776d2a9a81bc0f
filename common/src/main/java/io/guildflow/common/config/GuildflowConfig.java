package io.guildflow.common.config;

import io.guildflow.common.nats.Topology;
import io.guildflow.common.telemetry.LogSetup;
import io.guildflow.common.telemetry.Telemetry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.OptionalInt;

/**
 * Every setting of a Guildflow process, read once from the environment (README.md's "Configuration" lists them).
 * What a role requires but may be absent elsewhere (token, database) is checked by the
 * {@code require…} methods when that role starts, so each mode asks only for what it uses.
 */
public record GuildflowConfig(
        BotMode mode,
        Optional<Secret> discordToken,
        Optional<String> applicationId,
        Optional<String> developmentGuildId,
        List<String> natsUrls,
        Optional<Path> natsCredentials,
        Optional<Path> natsCaFile,
        int streamReplicas,
        Optional<DatabaseSettings> database,
        String environment,
        InetSocketAddress metricsAddress,
        String logLevel,
        Optional<String> tracesEndpoint,
        Optional<String> lokiUrl,
        OptionalInt shardCount,
        ShardIds shardIds,
        Duration ackDeadline,
        DatabasePool databasePool,
        URI discordApiUrl,
        Optional<URI> discordGatewayUrl,
        Shutdown shutdown,
        WorkerSettings worker,
        Optional<BotVersion> botVersion) {

    public static final String DEFAULT_NATS_URL = "nats://localhost:4222";
    public static final String DEFAULT_DISCORD_API_URL = "https://discord.com/api/v10";
    /** JetStream keeps at most 5 copies of a stream. */
    public static final int MAX_STREAM_REPLICAS = 5;

    /** HikariCP sizing: {@code DB_POOL_MAX}, {@code DB_IDLE_TIMEOUT}, {@code DB_CONNECT_TIMEOUT}. */
    public record DatabasePool(int maxSize, Duration idleTimeout, Duration connectTimeout) {
        public static final DatabasePool DEFAULT = new DatabasePool(10, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** {@code SHUTDOWN_TIMEOUT}: how long a SIGTERM may take (stop reading, flush, close) before the process exits. */
    public record Shutdown(Duration timeout) {
        public static final Shutdown DEFAULT = new Shutdown(Duration.ofSeconds(20));
    }

    public static GuildflowConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static GuildflowConfig fromEnvironment(Map<String, String> env) {
        EnvironmentValues values = new EnvironmentValues(env);
        OptionalInt shardCount = values.optional("SHARD_COUNT")
                .map(v -> OptionalInt.of(EnvironmentValues.parsePositiveInt("SHARD_COUNT", v)))
                .orElse(OptionalInt.empty());
        return new GuildflowConfig(
                values.optional("BOT_MODE").map(v -> BotMode.parse("BOT_MODE", v)).orElse(BotMode.STANDALONE),
                values.secret("DISCORD_TOKEN").map(token -> new Secret(token.value())),
                values.snowflake("DISCORD_APPLICATION_ID"),
                values.snowflake("DISCORD_GUILD_ID"),
                values.secret("NATS_URL").map(urls -> natsUrls(urls.variable(), urls.value()))
                        .orElse(List.of(DEFAULT_NATS_URL)),
                values.optional("NATS_CREDS").map(path -> readableFile("NATS_CREDS", path,
                        "a readable NATS credentials (.creds) file")),
                values.optional("NATS_CA_FILE").map(path -> readableFile("NATS_CA_FILE", path,
                        "a readable PEM file with the CA certificate(s) that signed the NATS servers' certificates")),
                streamReplicas(values.positiveInt("STREAM_REPLICAS", 1)),
                database(values),
                environment(values.string("ENVIRONMENT", "development")),
                values.listenAddress("METRICS_ADDRESS", ":8080"),
                logLevel(values.string("LOG_LEVEL", "info")),
                tracesUrl(values),
                lokiUrl(values),
                shardCount,
                values.optional("SHARD_IDS").map(v -> ShardIds.parse("SHARD_IDS", v, shardCount))
                        .orElse(ShardIds.all()),
                values.duration("ACK_DEADLINE", Duration.ofSeconds(2)),
                new DatabasePool(
                        values.positiveInt("DB_POOL_MAX", DatabasePool.DEFAULT.maxSize()),
                        values.duration("DB_IDLE_TIMEOUT", DatabasePool.DEFAULT.idleTimeout()),
                        values.duration("DB_CONNECT_TIMEOUT", DatabasePool.DEFAULT.connectTimeout())),
                values.httpUri("DISCORD_API_URL", DEFAULT_DISCORD_API_URL),
                values.websocketUri("DISCORD_GATEWAY_URL"),
                new Shutdown(values.duration("SHUTDOWN_TIMEOUT", Shutdown.DEFAULT.timeout())),
                WorkerSettings.from(values),
                values.optional("BOT_VERSION").map(v -> BotVersion.parse("BOT_VERSION", v)));
    }

    /** What a NATS connection needs, and nothing else. */
    public NatsSettings nats() {
        return new NatsSettings(natsUrls, natsCredentials, natsCaFile);
    }

    public Secret requireDiscordToken() {
        return discordToken.orElseThrow(() -> ConfigException.missing("DISCORD_TOKEN",
                "the bot token from the Discord developer portal (required in " + mode.label()
                        + " mode), or DISCORD_TOKEN_FILE naming a file that holds it"));
    }

    public DatabaseSettings requireDatabase() {
        return database.orElseThrow(() -> ConfigException.missing("DATABASE_URL", DatabaseSettings.EXPECTED
                + " (required in " + mode.label() + " mode), or DATABASE_URL_FILE naming a file that holds it"));
    }

    /** Fails at start-up, not at first use, so a bad deployment is caught by its rollout. */
    public GuildflowConfig validateForMode() {
        if (mode.runsGateway()) {
            requireDiscordToken();
        }
        if (mode.runsWorker()) {
            // No bot token required: answers use each interaction's own token. Only the outbox (discord()
            // posts and edits) calls as the bot, so a bot that posts nothing runs without it (WorkerRole warns).
            requireDatabase();
        }
        if (ackDeadline.compareTo(Duration.ofMillis(2_800)) > 0) {
            throw ConfigException.invalid("ACK_DEADLINE", ackDeadline.toMillis() + "ms",
                    "at most 2800ms: Discord drops an interaction not acknowledged within 3s");
        }
        return this;
    }

    public GuildflowConfig withMode(BotMode newMode) {
        return new GuildflowConfig(newMode, discordToken, applicationId, developmentGuildId, natsUrls,
                natsCredentials, natsCaFile, streamReplicas, database, environment, metricsAddress, logLevel,
                tracesEndpoint, lokiUrl, shardCount, shardIds, ackDeadline, databasePool, discordApiUrl,
                discordGatewayUrl, shutdown, worker, botVersion);
    }

    /** The environment's NATS names and how many copies its streams keep. */
    public Topology topology() {
        return new Topology(environment, streamReplicas);
    }

    /**
     * Where spans go, as the full OTLP/HTTP traces URL. {@code TEMPO_ENDPOINT} is ours: a collector's
     * base URL ({@code /v1/traces} is appended) or a full URL with a path. {@code OTEL_EXPORTER_OTLP_ENDPOINT}
     * means what the OpenTelemetry specification says: always a base, {@code /v1/traces} is appended.
     */
    private static Optional<String> tracesUrl(EnvironmentValues values) {
        Optional<String> tempo = values.optional("TEMPO_ENDPOINT");
        if (tempo.isPresent()) {
            return Optional.of(otlpHttpUrl("TEMPO_ENDPOINT", tempo.get(), Telemetry::tracesUrl));
        }
        return values.optional("OTEL_EXPORTER_OTLP_ENDPOINT").map(value -> otlpHttpUrl("OTEL_EXPORTER_OTLP_ENDPOINT",
                value, base -> base.replaceAll("/+$", "") + "/v1/traces"));
    }

    private static String otlpHttpUrl(String variable, String value, UnaryOperator<String> toTracesUrl) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null) {
                return toTracesUrl.apply(value.trim());
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the expected form
        }
        throw ConfigException.invalid(variable, value, "an OTLP/HTTP URL such as http://tempo:4318 (HTTP, not gRPC)");
    }

    private static int streamReplicas(int replicas) {
        if (replicas > MAX_STREAM_REPLICAS) {
            throw ConfigException.invalid("STREAM_REPLICAS", String.valueOf(replicas),
                    "1 to " + MAX_STREAM_REPLICAS + " (3 on a 3-node NATS cluster)");
        }
        return replicas;
    }

    /** DATABASE_URL (or DATABASE_URL_FILE), verified against DATABASE_CA_FILE when that is set. */
    private static Optional<DatabaseSettings> database(EnvironmentValues values) {
        Optional<DatabaseSettings> database = values.secret("DATABASE_URL")
                .map(url -> DatabaseSettings.parse(url.variable(), url.value()));
        Optional<Path> caFile = values.optional("DATABASE_CA_FILE").map(path -> readableFile("DATABASE_CA_FILE", path,
                "a readable PEM file with PostgreSQL's CA certificate"));
        return caFile.isEmpty() ? database : database.map(db -> db.withRootCertificate("DATABASE_CA_FILE", caFile.get()));
    }

    /** Hides what may be secret: NATS_URL can carry a password or token. */
    @Override
    public String toString() {
        return "GuildflowConfig[mode=" + mode.label() + ", environment=" + environment + ", nats=" + nats().describe()
                + ", database=" + database.map(DatabaseSettings::describe).orElse("none") + "]";
    }

    private static List<String> natsUrls(String variable, String value) {
        List<String> urls = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        // The value may carry a password or token (nats://user:pass@host): the complaint shows it redacted.
        if (urls.isEmpty() || !urls.stream().allMatch(url -> url.matches("(nats|tls|ws|wss)://[^\\s/]+(:\\d+)?/?"))) {
            throw ConfigException.invalid(variable, NatsSettings.redact(value),
                    "nats://[user:password@]host:4222 or tls://…, comma-separated for a cluster");
        }
        return urls;
    }

    private static Path readableFile(String variable, String value, String expected) {
        Path path = Path.of(value);
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw ConfigException.invalid(variable, value, expected);
        }
        return path;
    }

    static String environment(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        // Lands in stream names, subjects and consumer names: no dots, wildcards or spaces.
        if (!lower.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw ConfigException.invalid("ENVIRONMENT", value,
                    "1-32 letters, digits, '-' or '_', starting with a letter or digit (e.g. production)");
        }
        return lower;
    }

    /**
     * Checked here, not first when logging starts: a malformed LOKI_URL is then the usual one line and exit
     * code 2 rather than a stack trace from the log set-up.
     */
    private static Optional<String> lokiUrl(EnvironmentValues values) {
        return values.optional("LOKI_URL").map(value -> {
            try {
                LogSetup.lokiPushUrl(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid("LOKI_URL", value,
                        "Loki's base or push URL, an absolute http(s) URL such as http://loki:3100");
            }
        });
    }

    /** Logback's parser is the one list of levels; here its refusal becomes the usual one line. */
    private static String logLevel(String value) {
        try {
            return LogSetup.parseLevel(value).toString().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("LOG_LEVEL", value, "one of trace, debug, info, warn, error");
        }
    }
}
