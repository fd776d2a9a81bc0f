package io.guildflow.worker;

import io.guildflow.worker.commands.PingCommand;
import io.guildflow.worker.handler.CommandContext;
import io.guildflow.worker.handler.CommandHandler;
import io.guildflow.worker.handler.CommandSpec;
import io.guildflow.worker.handler.Reply;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A /ping that plays a worker process killed mid-interaction: it holds the interaction inside its
 * transaction until the test has cut the worker off, then loses its database connection the way a
 * dead process does (the socket goes, PostgreSQL rolls back). Shared with the app's end-to-end tests.
 */
public final class DyingPing implements CommandHandler {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch killed = new CountDownLatch(1);

    @Override
    public CommandSpec spec() {
        return new PingCommand().spec();
    }

    @Override
    public Reply handle(CommandContext ctx) throws Exception {
        entered.countDown();
        if (!killed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never killed this worker");
        }
        ctx.sql().unwrap(java.sql.Connection.class).abort(Runnable::run);
        return Reply.message("a dead worker must never be heard");
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
