package io.guildflow.api;

/**
 * What Guildflow finds with {@link java.util.ServiceLoader}: list each handler class (public, with a
 * public no-argument constructor) in {@code META-INF/services/io.guildflow.api.InteractionHandler}.
 * Implement one of the permitted interfaces, never this one directly.
 *
 * <p>A handler runs inside the transaction that records the interaction as handled: what it writes
 * through {@link InteractionContext#sql()} commits together with that record, or not at all, so
 * its database effects happen exactly once even when the event is delivered twice. Effects
 * outside that transaction (HTTP calls, …) must be idempotent. Throwing rolls everything back and
 * answers the user with an ephemeral apology; the interaction is not retried.
 */
public sealed interface InteractionHandler
        permits SlashCommand, UserCommand, MessageCommand, ComponentHandler, ModalHandler {

    /**
     * How the gateway acknowledges this handler's interactions when it must (see {@link Acknowledgement}).
     * A handler that replies with a new message, above all an ephemeral one, should say so.
     */
    default Acknowledgement acknowledgement() {
        return Acknowledgement.standard();
    }
}
