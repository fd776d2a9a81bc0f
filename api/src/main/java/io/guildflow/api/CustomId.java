package io.guildflow.api;

/**
 * custom_ids of buttons, select menus and modals: {@code prefix} or {@code prefix:state}. The prefix
 * routes the interaction to the handler that declares it; the state (anything, up to Discord's
 * 100 characters in all) comes back in {@link ComponentContext#state()} and {@link ModalContext#state()},
 * so small state needs no database row.
 */
public final class CustomId {
    public static final char SEPARATOR = ':';

    private CustomId() {
    }

    public static String of(String prefix, String state) {
        DiscordLimits.requirePrefix("custom_id prefix", prefix);
        String id = state == null || state.isEmpty() ? prefix : prefix + SEPARATOR + state;
        return DiscordLimits.requireCustomId("component", id);
    }

    /** The part before the first ':' (the whole id without one). */
    public static String prefixOf(String customId) {
        int separator = customId.indexOf(SEPARATOR);
        return separator < 0 ? customId : customId.substring(0, separator);
    }

    /** The part after the first ':' (empty without one). */
    public static String stateOf(String customId) {
        int separator = customId.indexOf(SEPARATOR);
        return separator < 0 ? "" : customId.substring(separator + 1);
    }
}
