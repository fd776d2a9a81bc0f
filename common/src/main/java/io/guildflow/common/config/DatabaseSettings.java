package io.guildflow.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where PostgreSQL is, from {@code DATABASE_URL} in either the libpq form
 * ({@code postgres://user:pass@host:5432/db?sslmode=require}) or a JDBC URL, and the bot's schema
 * ({@code DATABASE_SCHEMA}): the runtime's tables, the bot's tables and both migration histories live there, and
 * every connection has it as its search path, so two bots can share one database without sharing a history.
 *
 * @param schema a valid lower-case PostgreSQL identifier ({@link #schemaName})
 */
public record DatabaseSettings(String jdbcUrl, String user, Secret password, String schema) {
    public static final String EXPECTED = "postgres://user:pass@host:5432/db?sslmode=disable"
            + " or jdbc:postgresql://host:5432/db";
    /** Where everything landed before schemas were configurable: existing single-bot deployments keep their tables. */
    public static final String DEFAULT_SCHEMA = "public";
    public static final String SCHEMA_EXPECTED = "a lower-case PostgreSQL name of at most 63 letters, digits and"
            + " underscores, starting with a letter or underscore and not with pg_, e.g. my_bot";
    /** Unquoted identifiers only: PostgreSQL folds them to lower case, so SQL written by hand finds the same schema. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("(?!pg_)[a-z_][a-z0-9_]{0,62}");
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=([^&]*)");

    /** The schema named by the URL's {@code currentSchema} (pgjdbc's own parameter), or {@link #DEFAULT_SCHEMA}. */
    public DatabaseSettings(String jdbcUrl, String user, Secret password) {
        this(jdbcUrl, user, password, urlSchema(jdbcUrl).orElse(DEFAULT_SCHEMA));
    }

    /**
     * {@code DATABASE_URL} (or {@code DATABASE_URL_FILE}), verified against {@code DATABASE_CA_FILE} when that is
     * set; empty without a URL (only the roles that use PostgreSQL require one).
     */
    public static Optional<DatabaseSettings> from(EnvironmentValues values) {
        Optional<String> schema = values.optional("DATABASE_SCHEMA").map(name -> schemaName("DATABASE_SCHEMA", name));
        Optional<DatabaseSettings> database = values.secret("DATABASE_URL")
                .map(url -> parse(url.variable(), url.value()))
                .map(db -> schema.isEmpty() ? db : db.inSchema(schema.get()));
        Optional<Path> caFile = values.readableFile("DATABASE_CA_FILE",
                "a readable PEM file with PostgreSQL's CA certificate");
        return caFile.isEmpty() ? database : database.map(db -> db.withRootCertificate("DATABASE_CA_FILE", caFile.get()));
    }

    /** {@code value} if it is a schema name this runtime accepts; otherwise one line naming {@code variable}. */
    public static String schemaName(String variable, String value) {
        if (!SCHEMA_NAME.matcher(value).matches()) {
            throw ConfigException.invalid(variable, value, SCHEMA_EXPECTED);
        }
        return value;
    }

    private static Optional<String> urlSchema(String jdbcUrl) {
        Matcher matcher = CURRENT_SCHEMA.matcher(jdbcUrl);
        return matcher.find() ? Optional.of(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8)) : Optional.empty();
    }

    /**
     * These settings in {@code name} ({@code DATABASE_SCHEMA}); a URL whose {@code currentSchema} names another one is
     * refused, as the connections would search one schema and the migrations fill the other.
     */
    DatabaseSettings inSchema(String name) {
        Optional<String> fromUrl = urlSchema(jdbcUrl);
        if (fromUrl.isPresent() && !fromUrl.get().equals(name)) {
            throw new ConfigException("DATABASE_SCHEMA is " + name + " but DATABASE_URL's currentSchema is "
                    + fromUrl.get() + ": set only one of them");
        }
        return new DatabaseSettings(jdbcUrl, user, password, name);
    }

    public static DatabaseSettings parse(String variable, String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseSettings(trimmed, null, null);
        }
        if (!(trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://"))) {
            throw ConfigException.invalidSecret(variable, EXPECTED);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw ConfigException.invalidSecret(variable, EXPECTED);
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isEmpty()) {
            throw ConfigException.invalidSecret(variable, EXPECTED + " (host and database name are required)");
        }
        String user = null;
        Secret password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length == 2 ? new Secret(decode(parts[1])) : null;
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseSettings("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database + query,
                user, password);
    }

    /**
     * Verifies the server against {@code caFile}: pgjdbc's {@code sslrootcert}, and {@code sslmode=verify-full}
     * (certificate chain and host name) unless the URL chose a mode itself.
     */
    public DatabaseSettings withRootCertificate(String variable, Path caFile) {
        if (jdbcUrl.matches(".*[?&]sslrootcert=.*")) {
            throw new ConfigException(variable + " is set and DATABASE_URL names sslrootcert too: set only one of them");
        }
        String separator = jdbcUrl.contains("?") ? "&" : "?";
        String mode = jdbcUrl.matches(".*[?&]sslmode=.*") ? "" : "&sslmode=verify-full";
        return new DatabaseSettings(jdbcUrl + separator + "sslrootcert="
                + URLEncoder.encode(caFile.toString(), StandardCharsets.UTF_8) + mode, user, password, schema);
    }

    /** Host, port and database only: safe for logs and "where I looked" messages. */
    public String describe() {
        String url = jdbcUrl.replaceFirst("^jdbc:", "");
        int query = url.indexOf('?');
        String withoutQuery = query < 0 ? url : url.substring(0, query);
        return withoutQuery.replaceAll("//[^@/]*@", "//");
    }

    /**
     * One plain JDBC connection with these credentials, outside any pool (checks, tests, tools).
     *
     * @param timeoutSeconds how long connecting may take, 0 for the driver's own default
     */
    public java.sql.Connection connect(int timeoutSeconds) throws java.sql.SQLException {
        java.util.Properties properties = new java.util.Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password.reveal());
        }
        if (timeoutSeconds > 0) {
            properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        }
        return java.sql.DriverManager.getConnection(jdbcUrl, properties);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", schema=" + schema + ", user=" + user + "]";
    }
}
