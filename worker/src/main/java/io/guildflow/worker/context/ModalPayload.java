package io.guildflow.worker.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.guildflow.api.GuildConfig;
import io.guildflow.api.ModalContext;
import io.guildflow.common.envelope.InteractionEnvelope;
import java.sql.Connection;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A submitted modal: text inputs sit in action rows (or, in newer layouts, in labels). */
final class ModalPayload extends RoutedPayload implements ModalContext {
    private final Map<String, String> values;

    ModalPayload(InteractionEnvelope envelope, Connection transaction, Clock clock, GuildConfig config) {
        super(envelope, transaction, clock, config);
        Map<String, String> found = new LinkedHashMap<>();
        for (JsonNode row : data().path("components")) {
            for (JsonNode input : row.path("components")) {
                collect(input, found);
            }
            collect(row.path("component"), found);
        }
        this.values = Map.copyOf(found);
    }

    private static void collect(JsonNode input, Map<String, String> found) {
        if (input.path("custom_id").isTextual() && input.path("value").isTextual()) {
            found.put(input.path("custom_id").asText(), input.path("value").asText());
        }
    }

    @Override
    public Optional<String> value(String inputId) {
        return Optional.ofNullable(values.get(inputId));
    }

    @Override
    public Map<String, String> values() {
        return values;
    }
}
