package io.guildflow.devtools.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which slash commands the benchmark sends, in a fixed repeating order so every run sends the same ones. */
enum TrafficMix {
    /** {@code /ping} only: the cheapest handler, so the runtime's own cost shows. */
    PING(List.of(new Command("ping", Map.of()))),
    /** Replies with text, embeds, a select menu and a modal, in the proportions 5:2:2:1. */
    MIXED(List.of(new Command("ping", Map.of()), new Command("color show", Map.of("name", "red")),
            new Command("ping", Map.of()), new Command("color list", Map.of()), new Command("ping", Map.of()),
            new Command("color show", Map.of("name", "blue")), new Command("ping", Map.of()),
            new Command("color list", Map.of()), new Command("ping", Map.of()), new Command("feedback", Map.of())));

    record Command(String name, Map<String, ?> options) {}

    private final List<Command> cycle;

    TrafficMix(List<Command> cycle) {
        this.cycle = cycle;
    }

    /** Every top-level command name any mix sends, for registering them. */
    static String[] commandNames() {
        return java.util.Arrays.stream(values()).flatMap(mix -> mix.cycle.stream())
                .map(command -> command.name().split(" ")[0]).distinct().toArray(String[]::new);
    }

    Command command(int index) {
        return cycle.get(index % cycle.size());
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
