package io.guildflow.api;

import java.util.List;

/** The user is typing an option declared with autocomplete. */
public interface AutocompleteContext extends InteractionContext {

    String commandName();

    List<String> subcommandPath();

    /** The option being typed. */
    String focusedOption();

    /** What has been typed so far (may be empty). */
    String focusedValue();

    /** The options filled in so far, the focused one included. */
    Options options();
}
