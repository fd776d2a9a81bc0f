package io.guildflow.testkit.rest;

import java.util.List;

/** The full route table of the emulated REST API. */
public final class Routes {
    private Routes() {}

    public static List<Route> all(RestContext ctx) {
        return RestHandler.concat(List.of(
                new InteractionRoutes(ctx).routes(), new BotRoutes(ctx).routes(), new CommandRoutes(ctx).routes(),
                new ChannelRoutes(ctx).routes()));
    }
}
