package io.guildflow.api;

import java.util.List;

/** A form; its submission is routed by {@code customId}'s prefix to a {@link ModalHandler}. */
public record Modal(String customId, String title, List<TextInput> inputs) {
    public Modal {
        DiscordLimits.requireCustomId("modal", customId);
        DiscordLimits.requireText("modal title", title, DiscordLimits.MODAL_TITLE);
        inputs = List.copyOf(inputs);
        DiscordLimits.requireCount("modal text inputs", inputs, 1, DiscordLimits.MODAL_INPUTS);
    }

    public static Modal of(String customId, String title, TextInput... inputs) {
        return new Modal(customId, title, List.of(inputs));
    }
}
