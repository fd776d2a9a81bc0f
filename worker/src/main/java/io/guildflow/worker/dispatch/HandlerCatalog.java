package io.guildflow.worker.dispatch;

import io.guildflow.api.ComponentHandler;
import io.guildflow.api.DiscordLimits;
import io.guildflow.api.InteractionHandler;
import io.guildflow.api.MessageCommand;
import io.guildflow.api.ModalHandler;
import io.guildflow.api.SlashCommand;
import io.guildflow.api.UserCommand;
import io.guildflow.common.StartupException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The bot's handlers by the key Discord routes on: command name per command type, custom_id prefix
 * for components and modals. {@link #discover(ClassLoader)} uses {@link ServiceLoader}, so a bot adds a
 * handler by listing its class in {@code META-INF/services/io.guildflow.api.InteractionHandler}.
 * Two handlers for one key, or an invalid name, stop start-up with one line.
 */
public final class HandlerCatalog {
    private final Map<String, SlashCommand> slash = new LinkedHashMap<>();
    private final Map<String, UserCommand> user = new LinkedHashMap<>();
    private final Map<String, MessageCommand> message = new LinkedHashMap<>();
    private final Map<String, ComponentHandler> components = new LinkedHashMap<>();
    private final Map<String, ModalHandler> modals = new LinkedHashMap<>();

    private HandlerCatalog(List<InteractionHandler> handlers) {
        for (InteractionHandler handler : handlers) {
            try {
                add(handler);
            } catch (IllegalArgumentException e) {
                throw new StartupException("handler " + handler.getClass().getName() + ": " + e.getMessage(), e);
            }
        }
    }

    public static HandlerCatalog of(InteractionHandler... handlers) {
        return new HandlerCatalog(List.of(handlers));
    }

    /** Every handler the loader's {@code META-INF/services/io.guildflow.api.InteractionHandler} files list. */
    public static HandlerCatalog discover(ClassLoader loader) {
        List<InteractionHandler> handlers = new ArrayList<>();
        try {
            ServiceLoader.load(InteractionHandler.class, loader).forEach(handlers::add);
        } catch (ServiceConfigurationError e) {
            // e.g. a listed class that is missing, not public, or without a public no-arg constructor
            throw new StartupException("cannot load the bot's handlers: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
        }
        return new HandlerCatalog(handlers);
    }

    private void add(InteractionHandler handler) {
        if (handler instanceof SlashCommand command) {
            put(slash, "/", command.definition().name(), command);
        } else if (handler instanceof UserCommand command) {
            put(user, "user command ", DiscordLimits.requireMenuName("user command name", command.name()), command);
        } else if (handler instanceof MessageCommand command) {
            put(message, "message command ", DiscordLimits.requireMenuName("message command name", command.name()),
                    command);
        } else if (handler instanceof ComponentHandler component) {
            put(components, "component prefix ", DiscordLimits.requirePrefix("component prefix", component.prefix()),
                    component);
        } else if (handler instanceof ModalHandler modal) {
            put(modals, "modal prefix ", DiscordLimits.requirePrefix("modal prefix", modal.prefix()), modal);
        }
    }

    private static <H extends InteractionHandler> void put(Map<String, H> byKey, String what, String key, H handler) {
        H previous = byKey.putIfAbsent(key, handler);
        if (previous != null) {
            throw new StartupException("two handlers for " + what + key + ": " + previous.getClass().getName()
                    + " and " + handler.getClass().getName(), null);
        }
    }

    public Optional<SlashCommand> slashCommand(String name) {
        return Optional.ofNullable(slash.get(name));
    }

    public Optional<UserCommand> userCommand(String name) {
        return Optional.ofNullable(user.get(name));
    }

    public Optional<MessageCommand> messageCommand(String name) {
        return Optional.ofNullable(message.get(name));
    }

    public Optional<ComponentHandler> component(String prefix) {
        return Optional.ofNullable(components.get(prefix));
    }

    public Optional<ModalHandler> modal(String prefix) {
        return Optional.ofNullable(modals.get(prefix));
    }

    public List<SlashCommand> slashCommands() {
        return List.copyOf(slash.values());
    }

    public List<String> userCommandNames() {
        return List.copyOf(user.keySet());
    }

    public List<String> messageCommandNames() {
        return List.copyOf(message.keySet());
    }

    /** For the start-up log line: every routing key. */
    public List<String> describe() {
        List<String> keys = new ArrayList<>();
        slash.keySet().forEach(name -> keys.add("/" + name));
        user.keySet().forEach(name -> keys.add("user:" + name));
        message.keySet().forEach(name -> keys.add("message:" + name));
        components.keySet().forEach(prefix -> keys.add("component:" + prefix));
        modals.keySet().forEach(prefix -> keys.add("modal:" + prefix));
        return Collections.unmodifiableList(keys);
    }
}
