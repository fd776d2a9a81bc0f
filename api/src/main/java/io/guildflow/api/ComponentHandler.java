package io.guildflow.api;

/**
 * Buttons and select menus whose custom_id is {@code prefix} or starts with {@code prefix:} (see
 * {@link CustomId}). One handler per prefix.
 */
public non-sealed interface ComponentHandler extends InteractionHandler {

    /** 1-50 letters, digits, '.', '-' or '_'. */
    String prefix();

    Response handle(ComponentContext context) throws Exception;
}
