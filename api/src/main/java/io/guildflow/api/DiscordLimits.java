package io.guildflow.api;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Discord's documented limits, checked in this one place when a response, definition or component
 * is built. A handler that breaks one fails in its own unit test with a message naming the field,
 * instead of the user seeing "This interaction failed" after Discord's 400.
 */
public final class DiscordLimits {
    public static final int CONTENT = 2000;
    public static final int EMBEDS_PER_MESSAGE = 10;
    public static final int EMBED_TOTAL = 6000;
    public static final int EMBED_TITLE = 256;
    public static final int EMBED_DESCRIPTION = 4096;
    public static final int EMBED_FIELDS = 25;
    public static final int EMBED_FIELD_NAME = 256;
    public static final int EMBED_FIELD_VALUE = 1024;
    public static final int EMBED_FOOTER = 2048;
    public static final int ACTION_ROWS = 5;
    public static final int BUTTONS_PER_ROW = 5;
    public static final int CUSTOM_ID = 100;
    public static final int BUTTON_LABEL = 80;
    public static final int SELECT_OPTIONS = 25;
    public static final int SELECT_OPTION_TEXT = 100;
    public static final int SELECT_PLACEHOLDER = 150;
    public static final int MODAL_TITLE = 45;
    public static final int MODAL_INPUTS = 5;
    public static final int TEXT_INPUT_LABEL = 45;
    public static final int TEXT_INPUT_VALUE = 4000;
    public static final int TEXT_INPUT_PLACEHOLDER = 100;
    public static final int CHOICES = 25;
    public static final int CHOICE_NAME = 100;
    public static final int CHOICE_STRING_VALUE = 100;
    public static final int COMMAND_DESCRIPTION = 100;
    public static final int COMMAND_OPTIONS = 25;
    public static final int FOLLOW_UPS = 5;

    /** Slash command and option names: 1-32 lowercase letters, digits, '-' or '_'. */
    private static final Pattern SLASH_NAME = Pattern.compile("[-_\\p{Ll}\\p{Lo}\\p{N}]{1,32}");
    /** Context-menu names may have capitals and spaces. */
    private static final Pattern MENU_NAME = Pattern.compile("[-_ \\p{L}\\p{N}]{1,32}");
    /** A handler's custom_id prefix: the part before the first ':' of a custom_id. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,50}");

    private DiscordLimits() {
    }

    /** A text that must have 1..max characters. */
    public static String requireText(String what, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw new DiscordLimitException(what + " must not be empty");
        }
        return requireAtMost(what, value, max);
    }

    /** A text that may be absent (null) but has at most max characters. */
    public static String requireAtMost(String what, String value, int max) {
        if (value != null && value.length() > max) {
            throw new DiscordLimitException(what + " has at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    public static <T extends Collection<?>> T requireCount(String what, T values, int min, int max) {
        if (values.size() < min || values.size() > max) {
            throw new DiscordLimitException(what + " must hold " + (min == max ? Integer.toString(min)
                    : min + "-" + max) + " items, held " + values.size());
        }
        return values;
    }

    public static void require(boolean condition, String explanation) {
        if (!condition) {
            throw new DiscordLimitException(explanation);
        }
    }

    public static String requireSlashName(String what, String name) {
        if (name == null || !SLASH_NAME.matcher(name).matches()) {
            throw new DiscordLimitException(what + " '" + name
                    + "' is invalid: Discord wants 1-32 lowercase letters, digits, '-' or '_'");
        }
        return name;
    }

    public static String requireMenuName(String what, String name) {
        if (name == null || !MENU_NAME.matcher(name).matches()) {
            throw new DiscordLimitException(what + " '" + name
                    + "' is invalid: Discord wants 1-32 letters, digits, spaces, '-' or '_'");
        }
        return name;
    }

    public static String requirePrefix(String what, String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new DiscordLimitException(what + " '" + prefix
                    + "' is invalid: 1-50 letters, digits, '.', '-' or '_' (no ':', which starts the state)");
        }
        return prefix;
    }

    public static String requireCustomId(String what, String customId) {
        return requireText(what + " custom_id", customId, CUSTOM_ID);
    }
}
