package io.guildflow.app.cli;

import io.guildflow.app.registration.BotVersion;
import io.guildflow.common.config.ConfigException;
import io.guildflow.common.config.EnvironmentValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the bot's version first (what registers commands in a rollout: BOT_VERSION, else the jar's
 * Implementation-Version, the same rule as start-up), then the runtime's own, which a bot jar cannot tell from its
 * manifest once the runtime is shaded into it.
 */
public final class VersionLines implements IVersionProvider {
    private static final String RUNTIME_VERSION = "/io/guildflow/app/runtime-version.properties";

    @Override
    public String[] getVersion() {
        return lines(System.getenv());
    }

    static String[] lines(Map<String, String> environment) {
        return new String[] {"bot " + bot(environment), "guildflow runtime " + runtime()};
    }

    private static String bot(Map<String, String> environment) {
        Optional<String> configured = new EnvironmentValues(environment).optional("BOT_VERSION");
        try {
            Optional<BotVersion> version = BotVersion.configuredOrManifest(
                    configured.map(text -> BotVersion.parse("BOT_VERSION", text)));
            return version.map(v -> v + (configured.isPresent() ? " (BOT_VERSION)" : " (the jar's Implementation-Version)"))
                    .orElse("unversioned (no BOT_VERSION, no Implementation-Version in the jar)");
        } catch (ConfigException e) {
            return "unknown: " + e.getMessage();
        }
    }

    /** The version the runtime was built as; "unknown" only for classes not built by Maven (an IDE's output). */
    public static String runtime() {
        try (InputStream in = VersionLines.class.getResourceAsStream(RUNTIME_VERSION)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
