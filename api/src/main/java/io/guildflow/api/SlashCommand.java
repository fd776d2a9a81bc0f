package io.guildflow.api;

/** A chat-input command ({@code /name}), with its options, subcommands and autocomplete. */
public non-sealed interface SlashCommand extends InteractionHandler {

    /** Name, description and options, as registered with Discord by {@code guildflow setup}. */
    CommandDefinition definition();

    Response handle(CommandContext context) throws Exception;

    /**
     * Suggestions while the user types an option declared with {@code autocomplete}. Must answer
     * {@link Response.Choices}; the default suggests nothing.
     */
    default Response.Choices autocomplete(AutocompleteContext context) throws Exception {
        return Response.choices();
    }
}
