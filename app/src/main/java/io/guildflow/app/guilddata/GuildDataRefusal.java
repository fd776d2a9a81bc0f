package io.guildflow.app.guilddata;

import io.guildflow.common.StartupException;

/**
 * An export or restore refused before it changed anything: a file for another guild or from a newer schema, a file
 * that is not an export or is cut short, a schema without Guildflow's tables. One line, exit code 2 (bad input).
 */
public final class GuildDataRefusal extends StartupException {
    private static final long serialVersionUID = 1L;

    GuildDataRefusal(String message) {
        super(message, null);
    }
}
