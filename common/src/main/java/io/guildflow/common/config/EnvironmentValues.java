package io.guildflow.common.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of environment variables, for the settings records of every module: each reads its own variables
 * through its one {@code from(EnvironmentValues)}, with its defaults named beside it, and every failure is a
 * one-line {@link ConfigException} naming the variable and the expected form.
 */
public final class EnvironmentValues {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final Map<String, String> env;

    public EnvironmentValues(Map<String, String> env) {
        this.env = env;
    }

    public Optional<String> optional(String variable) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * A secret, from {@code variable} or from the file {@code <variable>_FILE} names (the Docker and
     * Kubernetes secrets convention), never both. Surrounding whitespace, such as the newline an
     * editor leaves at the end of a file, is trimmed. Error messages show the path, never the content.
     */
    public Optional<Named> secret(String variable) {
        String fileVariable = variable + "_FILE";
        Optional<String> direct = optional(variable);
        Optional<String> file = optional(fileVariable);
        if (direct.isPresent() && file.isPresent()) {
            throw new ConfigException(variable + " and " + fileVariable + " are both set: set only one of them");
        }
        if (direct.isPresent()) {
            return Optional.of(new Named(variable, direct.get()));
        }
        return file.map(path -> new Named(fileVariable, readSecretFile(variable, fileVariable, path)));
    }

    private static String readSecretFile(String variable, String fileVariable, String path) {
        String content;
        try {
            content = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw unreadable(fileVariable, path, "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(fileVariable, path, "permission denied");
        } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            // The reason, not the message: a malformed-input message could quote the content.
            throw unreadable(fileVariable, path, e.getClass().getSimpleName());
        }
        if (content.isBlank()) {
            throw new ConfigException(fileVariable + "=" + path + " is empty: expected a file holding " + variable);
        }
        return content.strip();
    }

    private static ConfigException unreadable(String fileVariable, String path, String reason) {
        return new ConfigException(fileVariable + "=" + path + " cannot be read (" + reason
                + "): expected a readable file holding the secret");
    }

    /** A value and the variable it came from, so a complaint about it names the right one. */
    public record Named(String variable, String value) {
        @Override
        public String toString() {
            return variable + "=****";
        }
    }

    public String string(String variable, String fallback) {
        return optional(variable).orElse(fallback);
    }

    public int positiveInt(String variable, int fallback) {
        return optional(variable).map(v -> parsePositiveInt(variable, v)).orElse(fallback);
    }

    /**
     * A whole number from {@code least} to {@code most}.
     *
     * @param expected the range and why it is one, for the complaint about a value outside it
     */
    public int wholeNumber(String variable, int fallback, int least, int most, String expected) {
        return optional(variable).map(v -> {
            int parsed = parseAtLeast(variable, v, least, expected);
            if (parsed > most) {
                throw ConfigException.invalid(variable, v, expected);
            }
            return parsed;
        }).orElse(fallback);
    }

    /** A byte count, plain or with a binary suffix: {@code 1073741824}, {@code 512MiB}, {@code 1GiB}. */
    public static long parseBytes(String variable, String value) {
        String trimmed = value.trim();
        long unit = 1;
        for (String[] suffix : new String[][] {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}}) {
            if (trimmed.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                trimmed = trimmed.substring(0, trimmed.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(trimmed), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw ConfigException.invalid(variable, value, "a byte count such as 1073741824, 512MiB or 1GiB");
        }
    }

    public static int parsePositiveInt(String variable, String value) {
        return parseAtLeast(variable, value, 1, "a whole number greater than 0");
    }

    private static int parseAtLeast(String variable, String value, int least, String expected) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= least) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw ConfigException.invalid(variable, value, expected);
    }

    public Duration duration(String variable, Duration fallback) {
        return optional(variable).map(v -> parseDuration(variable, v)).orElse(fallback);
    }

    /**
     * A duration from {@code least} to {@code most} (both included).
     *
     * @param expected the range and why it is one, for the complaint about a value outside it
     */
    public Duration duration(String variable, Duration fallback, Duration least, Duration most, String expected) {
        return optional(variable).map(v -> {
            Duration parsed = parseDuration(variable, v);
            if (parsed.compareTo(least) < 0 || parsed.compareTo(most) > 0) {
                throw ConfigException.invalid(variable, v, expected);
            }
            return parsed;
        }).orElse(fallback);
    }

    public static Duration parseDuration(String variable, String value) {
        Matcher simple = SIMPLE_DURATION.matcher(value.trim());
        Duration parsed = null;
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            parsed = switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                parsed = Duration.parse(value.trim());
            } catch (DateTimeParseException ignored) {
                // reported below with the expected form
            }
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw ConfigException.invalid(variable, value, "a positive duration such as 500ms, 2s, 1m or PT2S");
        }
        return parsed;
    }

    public URI httpUri(String variable, String fallback) {
        String value = string(variable, fallback);
        try {
            URI uri = URI.create(value.replaceAll("/+$", ""));
            if (uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the expected form
        }
        throw ConfigException.invalid(variable, value, "an http(s) URL such as https://discord.com/api/v10");
    }

    public Optional<URI> websocketUri(String variable) {
        return optional(variable).map(value -> {
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() != null && uri.getScheme().startsWith("ws") && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException ignored) {
                // reported below with the expected form
            }
            throw ConfigException.invalid(variable, value, "a ws:// or wss:// URL such as wss://gateway.discord.gg");
        });
    }

    public InetSocketAddress listenAddress(String variable, String fallback) {
        String value = string(variable, fallback);
        int colon = value.lastIndexOf(':');
        String host = colon <= 0 ? "0.0.0.0" : value.substring(0, colon);
        String port = colon < 0 ? value : value.substring(colon + 1);
        try {
            int parsed = Integer.parseInt(port);
            if (parsed >= 0 && parsed <= 65535) {
                return new InetSocketAddress(host, parsed);
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw ConfigException.invalid(variable, value, "[host]:port such as :8080 or 127.0.0.1:9100");
    }

    public Optional<String> snowflake(String variable) {
        return optional(variable).map(value -> {
            if (value.matches("\\d{1,20}")) {
                return value;
            }
            throw ConfigException.invalid(variable, value, "a Discord id (digits only)");
        });
    }

    /** A file the process can read (credentials, CA certificates); {@code expected} describes it for the complaint. */
    public Optional<Path> readableFile(String variable, String expected) {
        return optional(variable).map(value -> {
            Path path = Path.of(value);
            if (!Files.isReadable(path) || Files.isDirectory(path)) {
                throw ConfigException.invalid(variable, value, expected);
            }
            return path;
        });
    }
}
