package io.guildflow.worker.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.api.ComponentContext;
import io.guildflow.api.GuildConfig;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A button click or select menu choice. */
final class ComponentPayload extends RoutedPayload implements ComponentContext {

    ComponentPayload(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
        super(envelope, transaction, clock, config);
    }

    @Override
    public Kind kind() {
        return switch (data().path("component_type").asInt()) {
            case 2 -> Kind.BUTTON;
            case 3 -> Kind.STRING_SELECT;
            case 5 -> Kind.USER_SELECT;
            case 6 -> Kind.ROLE_SELECT;
            case 7 -> Kind.MENTIONABLE_SELECT;
            case 8 -> Kind.CHANNEL_SELECT;
            default -> Kind.OTHER;
        };
    }

    @Override
    public List<String> values() {
        List<String> values = new ArrayList<>();
        for (JsonNode value : data().path("values")) {
            values.add(value.asText());
        }
        return List.copyOf(values);
    }

    @Override
    public String messageId() {
        return raw().path("message").path("id").asText("");
    }
}
