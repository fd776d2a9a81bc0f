/**
 * Everything a Guildflow bot compiles against. Write handlers ({@link io.guildflow.api.SlashCommand},
 * {@link io.guildflow.api.UserCommand}, {@link io.guildflow.api.MessageCommand},
 * {@link io.guildflow.api.ComponentHandler}, {@link io.guildflow.api.ModalHandler}), list them in
 * {@code META-INF/services/io.guildflow.api.InteractionHandler}, and answer with a
 * {@link io.guildflow.api.Response}. Discord's limits are checked in {@link io.guildflow.api.DiscordLimits}.
 */
package io.guildflow.api;
