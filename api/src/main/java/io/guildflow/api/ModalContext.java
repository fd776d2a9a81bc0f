package io.guildflow.api;

import java.util.Map;
import java.util.Optional;

/** A submitted modal. */
public interface ModalContext extends InteractionContext {

    String customId();

    /** The custom_id after the prefix and ':' (empty without state). */
    String state();

    /** What was typed into the text input with this custom_id. */
    Optional<String> value(String inputId);

    /** Every text input, by custom_id. */
    Map<String, String> values();
}
