package io.guildflow.gateway.guard;

import io.guildflow.api.Acknowledgement;
import io.guildflow.api.CustomId;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import java.util.Map;

/**
 * What the bot's handlers declared about their acknowledgement ({@link Acknowledgement}), by the key
 * the gateway can read from an interaction: the command's name, or the custom_id's prefix of a
 * component or modal. The gateway holds these values only, never the handlers.
 */
public final class StandInPolicy {
    private final Map<String, Acknowledgement> commands;
    private final Map<String, Acknowledgement> components;
    private final Map<String, Acknowledgement> modals;

    public StandInPolicy(Map<String, Acknowledgement> commands, Map<String, Acknowledgement> components,
                         Map<String, Acknowledgement> modals) {
        this.commands = Map.copyOf(commands);
        this.components = Map.copyOf(components);
        this.modals = Map.copyOf(modals);
    }

    /** Nothing declared: every interaction gets the standard stand-in of its kind. */
    public static StandInPolicy standard() {
        return new StandInPolicy(Map.of(), Map.of(), Map.of());
    }

    Acknowledgement of(InteractionEnvelope envelope) {
        Map<String, Acknowledgement> declared = switch (envelope.kind()) {
            case COMMAND -> commands;
            case COMPONENT -> components;
            case MODAL -> modals;
            default -> Map.of();
        };
        if (declared.isEmpty()) {
            return Acknowledgement.standard();
        }
        String key = envelope.kind() == InteractionKind.COMMAND
                ? envelope.raw().path("data").path("name").asText("")
                : CustomId.prefixOf(envelope.raw().path("data").path("custom_id").asText(""));
        return declared.getOrDefault(key, Acknowledgement.standard());
    }
}
