package io.guildflow.api;

import java.util.List;

/** A slash command invocation. */
public interface CommandContext extends InteractionContext {

    String commandName();

    /** e.g. {@code ["config", "set"]} for {@code /settings config set}; empty without subcommands. */
    List<String> subcommandPath();

    /** The options the user filled in (those of the invoked subcommand). */
    Options options();
}
