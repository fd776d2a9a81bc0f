package io.guildflow.common.config;

import io.guildflow.common.StartupException;

/**
 * A missing or malformed setting. The message is one line that names the variable and the
 * expected form, and never echoes a secret; the process prints it and exits with code 2.
 */
public final class ConfigException extends StartupException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null);
    }

    public static ConfigException missing(String variable, String expected) {
        return new ConfigException(variable + " is not set: expected " + expected);
    }

    public static ConfigException invalid(String variable, String shownValue, String expected) {
        return new ConfigException(variable + "=" + shownValue + " is not valid: expected " + expected);
    }

    /** For secrets: says the value is wrong without showing it. */
    public static ConfigException invalidSecret(String variable, String expected) {
        return new ConfigException(variable + " is not valid (value hidden): expected " + expected);
    }
}
