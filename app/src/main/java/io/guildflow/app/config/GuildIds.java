package io.guildflow.app.config;

import java.util.regex.Pattern;

/** What the operator's commands ({@code setup}, {@code guild}, {@code replay}) accept as a guild id. */
public final class GuildIds {
    private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{1,20}");

    private GuildIds() {
    }

    /** Digits only, at most 20: the form of a Discord snowflake (its value is not checked here). */
    public static boolean looksLikeSnowflake(String value) {
        return value != null && SNOWFLAKE.matcher(value).matches();
    }
}
