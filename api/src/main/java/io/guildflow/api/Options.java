package io.guildflow.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The filled-in options of one command, by name, with typed reads. */
public final class Options {
    private final Map<String, OptionValue> byName;

    private Options(Map<String, OptionValue> byName) {
        this.byName = byName;
    }

    public static Options of(List<OptionValue> values) {
        Map<String, OptionValue> byName = new LinkedHashMap<>();
        values.forEach(value -> byName.put(value.name(), value));
        return new Options(Collections.unmodifiableMap(byName));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Optional<OptionValue> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<String> string(String name) {
        return typed(name, String.class);
    }

    public Optional<Long> integer(String name) {
        return typed(name, Long.class);
    }

    public Optional<Double> number(String name) {
        return get(name).map(v -> v.value() instanceof Long whole ? whole.doubleValue() : cast(v, Double.class));
    }

    public Optional<Boolean> bool(String name) {
        return typed(name, Boolean.class);
    }

    /** The id of a USER, CHANNEL, ROLE or MENTIONABLE option. */
    public Optional<String> id(String name) {
        return typed(name, String.class);
    }

    private <T> Optional<T> typed(String name, Class<T> type) {
        return get(name).map(value -> cast(value, type));
    }

    private static <T> T cast(OptionValue value, Class<T> type) {
        if (!type.isInstance(value.value())) {
            throw new IllegalStateException("option '" + value.name() + "' is " + value.type()
                    + ", not " + type.getSimpleName());
        }
        return type.cast(value.value());
    }

    @Override
    public String toString() {
        return byName.values().toString();
    }
}
