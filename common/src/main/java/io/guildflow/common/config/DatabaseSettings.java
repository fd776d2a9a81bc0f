package io.guildflow.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where PostgreSQL is, from {@code DATABASE_URL} in either the libpq form
 * ({@code postgres://user:pass@host:5432/db?sslmode=require}) or a JDBC URL.
 */
public record DatabaseSettings(String jdbcUrl, String user, Secret password) {
    public static final String EXPECTED = "postgres://user:pass@host:5432/db?sslmode=disable"
            + " or jdbc:postgresql://host:5432/db";

    /**
     * {@code DATABASE_URL} (or {@code DATABASE_URL_FILE}), verified against {@code DATABASE_CA_FILE} when that is
     * set; empty without a URL (only the roles that use PostgreSQL require one).
     */
    public static Optional<DatabaseSettings> from(EnvironmentValues values) {
        Optional<DatabaseSettings> database = values.secret("DATABASE_URL")
                .map(url -> parse(url.variable(), url.value()));
        Optional<Path> caFile = values.readableFile("DATABASE_CA_FILE",
                "a readable PEM file with PostgreSQL's CA certificate");
        return caFile.isEmpty() ? database : database.map(db -> db.withRootCertificate("DATABASE_CA_FILE", caFile.get()));
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
                + URLEncoder.encode(caFile.toString(), StandardCharsets.UTF_8) + mode, user, password);
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
        return "DatabaseSettings[" + describe() + ", user=" + user + "]";
    }
}
