package io.guildflow.api;

/** What an {@link ActionRow} holds. */
public sealed interface Component permits Button, SelectMenu, TextInput {
}
