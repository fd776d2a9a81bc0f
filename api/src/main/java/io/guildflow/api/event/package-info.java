/**
 * Gateway events (messages, reactions, members, guild changes) for bots: implement an
 * {@link io.guildflow.api.event.EventHandler} of an {@link io.guildflow.api.event.EventType}, or a
 * {@link io.guildflow.api.event.RawEventHandler} for any dispatch by name, and list it under
 * {@code META-INF/services}. Each event is handled in one transaction with the record that it was handled, and a
 * guild's events in Discord's order; see docs/events.md.
 */
package io.guildflow.api.event;
