package io.guildflow.worker.events;

import io.guildflow.api.event.EventHandler;
import io.guildflow.api.event.EventType;
import io.guildflow.api.event.RawEventHandler;
import io.guildflow.common.StartupException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bot's gateway-event handlers, found with {@link ServiceLoader} like interaction handlers: typed ones in
 * {@code META-INF/services/io.guildflow.api.event.EventHandler}, raw ones in
 * {@code META-INF/services/io.guildflow.api.event.RawEventHandler}. Several handlers may take one type; they run in
 * the order listed, in one transaction. A handler without a type, or a raw one naming no valid dispatch, stops
 * start-up with one line naming its class.
 */
public final class EventCatalog {
    /** Discord's dispatch names: upper-case words joined by underscores. */
    private static final Pattern DISPATCH_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final List<EventHandler<?>> typed;
    private final List<RawEventHandler> raw;
    private final Map<String, List<EventHandler<?>>> typedByName = new LinkedHashMap<>();
    private final Map<String, List<RawEventHandler>> rawByName = new LinkedHashMap<>();

    private EventCatalog(List<EventHandler<?>> typed, List<RawEventHandler> raw) {
        this.typed = List.copyOf(typed);
        this.raw = List.copyOf(raw);
        for (EventHandler<?> handler : typed) {
            EventType<?> type = handler.type();
            if (type == null) {
                throw new StartupException("event handler " + handler.getClass().getName()
                        + ": type() returned null (return one of EventType's constants)", null);
            }
            typedByName.computeIfAbsent(type.name(), name -> new ArrayList<>()).add(handler);
        }
        for (RawEventHandler handler : raw) {
            Set<String> names = handler.dispatchTypes();
            if (names == null || names.isEmpty() || handler.intents() == null) {
                throw new StartupException("raw event handler " + handler.getClass().getName()
                        + ": dispatchTypes() and intents() must not be null, dispatchTypes() not empty", null);
            }
            for (String name : names) {
                if (name == null || !DISPATCH_NAME.matcher(name).matches()) {
                    throw new StartupException("raw event handler " + handler.getClass().getName()
                            + ": '" + name + "' is not a dispatch name (upper case, e.g. GUILD_SCHEDULED_EVENT_CREATE)",
                            null);
                }
                rawByName.computeIfAbsent(name, key -> new ArrayList<>()).add(handler);
            }
        }
    }

    public static EventCatalog of(List<EventHandler<?>> typed, List<RawEventHandler> raw) {
        return new EventCatalog(typed, raw);
    }

    public static EventCatalog empty() {
        return of(List.of(), List.of());
    }

    /** Every event handler the loader's service files list. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static EventCatalog discover(ClassLoader loader) {
        List<EventHandler<?>> typed = new ArrayList<>();
        List<RawEventHandler> raw = new ArrayList<>();
        try {
            for (EventHandler handler : ServiceLoader.load(EventHandler.class, loader)) {
                typed.add(handler);
            }
            ServiceLoader.load(RawEventHandler.class, loader).forEach(raw::add);
        } catch (ServiceConfigurationError e) {
            throw new StartupException("cannot load the bot's event handlers: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
        }
        return new EventCatalog(typed, raw);
    }

    public List<EventHandler<?>> typed() {
        return typed;
    }

    public List<RawEventHandler> raw() {
        return raw;
    }

    /** The typed handlers of a dispatch, in service-file order. */
    List<EventHandler<?>> typedFor(String dispatchType) {
        return typedByName.getOrDefault(dispatchType, List.of());
    }

    List<RawEventHandler> rawFor(String dispatchType) {
        return rawByName.getOrDefault(dispatchType, List.of());
    }

    /** Every dispatch name some handler takes: what the gateway forwards. */
    public Set<String> dispatchTypes() {
        Set<String> names = new LinkedHashSet<>(typedByName.keySet());
        names.addAll(rawByName.keySet());
        return names;
    }

    public boolean isEmpty() {
        return typed.isEmpty() && raw.isEmpty();
    }

    /** For the start-up log line: dispatch name and handler count. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (String name : dispatchTypes()) {
            parts.add(name + "×" + (typedFor(name).size() + rawFor(name).size()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
