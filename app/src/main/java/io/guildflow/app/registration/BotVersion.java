package io.guildflow.app.registration;

import io.guildflow.common.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's version ({@code BOT_VERSION}, else the jar manifest's {@code Implementation-Version}),
 * ordered by its numbers: 1.10.0 is newer than 1.9.3; a qualifier such as {@code -SNAPSHOT} or a
 * build suffix does not count, so 1.2.0-SNAPSHOT and 1.2.0 are the same version. It decides whose
 * commands stay registered when two versions of a bot run at once during a rollout.
 */
public record BotVersion(String text, List<Long> numbers) implements Comparable<BotVersion> {
    private static final Pattern LEADING_NUMBERS = Pattern.compile("v?(\\d+(?:\\.\\d+)*)([-+._].*)?");

    public BotVersion {
        numbers = List.copyOf(numbers);
    }

    /** @throws ConfigException naming {@code variable} when the value does not start with a number */
    public static BotVersion parse(String variable, String value) {
        Matcher matcher = LEADING_NUMBERS.matcher(value.strip());
        if (!matcher.matches()) {
            throw ConfigException.invalid(variable, value, "a version starting with numbers, e.g. 1.4.2 or 1.4.2-rc1");
        }
        List<Long> numbers = new ArrayList<>();
        try {
            for (String part : matcher.group(1).split("\\.")) {
                numbers.add(Long.parseLong(part));
            }
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(variable, value, "version numbers below 2^63");
        }
        return new BotVersion(value.strip(), numbers);
    }

    /**
     * The running bot's version: {@code configured} (BOT_VERSION) when set, else the Implementation-Version of the
     * jar this class runs from (a bot jar has the runtime shaded in, so that is the bot's manifest); empty with
     * neither (classes run from directories, or a jar built without one).
     */
    public static Optional<BotVersion> configuredOrManifest(Optional<BotVersion> configured) {
        return configured.or(() -> Optional.ofNullable(BotVersion.class.getPackage().getImplementationVersion())
                .map(text -> parse("Implementation-Version", text)));
    }

    @Override
    public int compareTo(BotVersion other) {
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int byPart = Long.compare(part(i), other.part(i));
            if (byPart != 0) {
                return byPart;
            }
        }
        return 0;
    }

    public boolean isNewerThan(BotVersion other) {
        return compareTo(other) > 0;
    }

    private long part(int index) {
        return index < numbers.size() ? numbers.get(index) : 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
