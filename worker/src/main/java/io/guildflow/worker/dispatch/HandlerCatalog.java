package io.guildflow.worker.dispatch;

import io.guildflow.api.Acknowledgement;
import io.guildflow.api.ComponentHandler;
import io.guildflow.api.DiscordLimits;
import io.guildflow.api.InteractionHandler;
import io.guildflow.api.MessageCommand;
import io.guildflow.api.ModalHandler;
import io.guildflow.api.ScheduledJob;
import io.guildflow.api.SlashCommand;
import io.guildflow.api.UserCommand;
import io.guildflow.common.StartupException;
import io.guildflow.worker.events.EventCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
    private final Map<String, ScheduledJob> jobs = new LinkedHashMap<>();
    /** As given, so a derived catalog re-registers each handler once, whatever it serves. */
    private final List<InteractionHandler> handlers;
    /** The gateway-event handlers, found by the same discovery so each process loads the bot once. */
    private final EventCatalog events;

    private HandlerCatalog(List<InteractionHandler> handlers, List<ScheduledJob> scheduledJobs, EventCatalog events) {
        this.handlers = List.copyOf(handlers);
        this.events = events;
        for (ScheduledJob job : scheduledJobs) {
            if (job.name() == null || !JOB_NAME.matcher(job.name()).matches()) {
                throw new StartupException("scheduled job " + job.getClass().getName() + ": name '" + job.name()
                        + "' is invalid (1-64 letters, digits, '-' or '_')", null);
            }
            if (job.period() == null || job.period().toMillis() < 100) {
                throw new StartupException("scheduled job " + job.name() + ": period must be at least 100 ms", null);
            }
            put(jobs, "scheduled job ", job.name(), job);
        }
        for (InteractionHandler handler : handlers) {
            try {
                add(handler);
            } catch (IllegalArgumentException e) {
                throw new StartupException("handler " + handler.getClass().getName() + ": " + e.getMessage(), e);
            }
        }
    }

    private static final java.util.regex.Pattern JOB_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public static HandlerCatalog of(InteractionHandler... handlers) {
        return new HandlerCatalog(List.of(handlers), List.of(), EventCatalog.empty());
    }

    /** The same handlers plus these scheduled jobs. */
    public HandlerCatalog withJobs(ScheduledJob... more) {
        List<ScheduledJob> all = new ArrayList<>(jobs.values());
        all.addAll(List.of(more));
        return new HandlerCatalog(handlers, all, events);
    }

    /** This catalog and the runtime's own handlers (e.g. /config); a clash stops start-up with one line. */
    public HandlerCatalog with(InteractionHandler... more) {
        List<InteractionHandler> all = new ArrayList<>(handlers);
        all.addAll(List.of(more));
        return new HandlerCatalog(all, List.copyOf(jobs.values()), events);
    }

    /** The same interaction handlers and jobs with these gateway-event handlers. */
    public HandlerCatalog withEvents(EventCatalog eventHandlers) {
        return new HandlerCatalog(handlers, List.copyOf(jobs.values()), eventHandlers);
    }

    /** The bot's gateway-event handlers. */
    public EventCatalog events() {
        return events;
    }

    /** Every handler the loader's {@code META-INF/services/io.guildflow.api.InteractionHandler} files list. */
    public static HandlerCatalog discover(ClassLoader loader) {
        List<InteractionHandler> handlers = new ArrayList<>();
        List<ScheduledJob> scheduledJobs = new ArrayList<>();
        try {
            ServiceLoader.load(InteractionHandler.class, loader).forEach(handlers::add);
            ServiceLoader.load(ScheduledJob.class, loader).forEach(scheduledJobs::add);
        } catch (ServiceConfigurationError e) {
            // e.g. a listed class that is missing, not public, or without a public no-arg constructor
            throw new StartupException("cannot load the bot's handlers: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
        }
        return new HandlerCatalog(handlers, scheduledJobs, EventCatalog.discover(loader));
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

    private static <H> void put(Map<String, H> byKey, String what, String key, H handler) {
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

    /** Each command's declared acknowledgement, by the name Discord sends (slash, user and message commands). */
    public Map<String, Acknowledgement> commandAcknowledgements() {
        return declared(List.of(slash, user, message));
    }

    /** Each component handler's declared acknowledgement, by custom_id prefix. */
    public Map<String, Acknowledgement> componentAcknowledgements() {
        return declared(List.of(components));
    }

    /** Each modal handler's declared acknowledgement, by custom_id prefix. */
    public Map<String, Acknowledgement> modalAcknowledgements() {
        return declared(List.of(modals));
    }

    private static Map<String, Acknowledgement> declared(List<Map<String, ? extends InteractionHandler>> byKey) {
        Map<String, Acknowledgement> declared = new HashMap<>();
        byKey.forEach(handlers -> handlers.forEach((key, handler) -> declared.put(key, handler.acknowledgement())));
        return declared;
    }

    /** The bot's scheduled jobs (found by {@link #discover} or added with {@link #withJobs}). */
    public List<ScheduledJob> jobs() {
        return List.copyOf(jobs.values());
    }

    /** The commands it serves, as {@link #describe()} names them: {@code /name}, {@code user:name}, {@code message:name}. */
    public List<String> commandKeys() {
        return describe().stream().filter(key -> key.startsWith("/") || key.startsWith("user:")
                || key.startsWith("message:")).toList();
    }

    /** The custom_id prefixes of its component handlers. */
    public List<String> componentPrefixes() {
        return List.copyOf(components.keySet());
    }

    /** The custom_id prefixes of its modal handlers. */
    public List<String> modalPrefixes() {
        return List.copyOf(modals.keySet());
    }

    /** For the start-up log line: every routing key. */
    public List<String> describe() {
        List<String> keys = new ArrayList<>();
        slash.keySet().forEach(name -> keys.add("/" + name));
        user.keySet().forEach(name -> keys.add("user:" + name));
        message.keySet().forEach(name -> keys.add("message:" + name));
        components.keySet().forEach(prefix -> keys.add("component:" + prefix));
        modals.keySet().forEach(prefix -> keys.add("modal:" + prefix));
        jobs.keySet().forEach(name -> keys.add("job:" + name));
        return Collections.unmodifiableList(keys);
    }
}
