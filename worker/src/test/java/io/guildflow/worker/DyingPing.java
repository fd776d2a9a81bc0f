package io.guildflow.worker;

import io.guildflow.api.CommandContext;
import io.guildflow.api.SlashCommand;
import io.guildflow.api.CommandDefinition;
import io.guildflow.api.Response;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A /ping that plays a worker process killed mid-interaction: it holds the interaction inside its
 * transaction until the test has cut the worker off, then loses its database connection the way a
 * dead process does (the socket goes, PostgreSQL rolls back). Shared with the app's end-to-end tests.
 */
public final class DyingPing implements SlashCommand {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch killed = new CountDownLatch(1);

    @Override
    public CommandDefinition definition() {
        return new TestPing().definition();
    }

    @Override
    public Response handle(CommandContext ctx) throws Exception {
        entered.countDown();
        if (!killed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never killed this worker");
        }
        ctx.sql().unwrap(java.sql.Connection.class).abort(Runnable::run);
        return Response.reply("a dead worker must never be heard");
    }

    /** True once the handler holds the interaction. */
    public boolean awaitEntered(Duration timeout) throws InterruptedException {
        return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the handler lose its transaction; call after the worker's NATS connection is gone. */
    public void kill() {
        killed.countDown();
    }
}
