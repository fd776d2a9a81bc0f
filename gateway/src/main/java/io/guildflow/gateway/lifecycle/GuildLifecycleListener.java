package io.guildflow.gateway.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.envelope.GuildLifecycleEnvelope;
import io.guildflow.common.envelope.GuildLifecycleEnvelope.Event;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.GenericGuildEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns JDA's join and leave events into lifecycle envelopes. JDA already tells the cases apart:
 * a GUILD_CREATE for a guild listed in READY is the initial load and one for a guild back from an
 * outage is "available" again; a GUILD_DELETE marked {@code unavailable} is an outage. Only a real
 * join (GuildJoinEvent) or removal (GuildLeaveEvent) becomes an event.
 */
public final class GuildLifecycleListener implements EventListener {
    private static final Logger log = LoggerFactory.getLogger(GuildLifecycleListener.class);

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Consumer<GuildLifecycleEnvelope> sink;

    public GuildLifecycleListener(ObjectMapper mapper, Clock clock, Consumer<GuildLifecycleEnvelope> sink) {
        this.mapper = mapper;
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public void onEvent(GenericEvent event) {
        if (event instanceof GuildJoinEvent join) {
            forward(Event.JOINED, join);
        } else if (event instanceof GuildLeaveEvent leave) {
            forward(Event.LEFT, leave);
        }
    }

    private void forward(Event kind, GenericGuildEvent event) {
        JsonNode raw = rawPayload(event.getRawData(), event.getGuild().getId());
        log.info("bot {} guild {}", kind == Event.JOINED ? "joined" : "left", event.getGuild().getId());
        sink.accept(GuildLifecycleEnvelope.of(kind, event.getGuild().getId(),
                event.getJDA().getShardInfo().getShardId(), clock.instant(), raw));
    }

    /** The dispatch's {@code d} as Discord sent it (event passthrough), or the bare id if JDA kept none. */
    private JsonNode rawPayload(DataObject rawData, String guildId) {
        if (rawData != null) {
            try {
                JsonNode payload = mapper.readTree(rawData.toJson());
                return payload.has("d") ? payload.get("d") : payload;
            } catch (IOException e) {
                log.debug("raw payload of guild {} unreadable: {}", guildId, e.getMessage());
            }
        }
        return mapper.createObjectNode().put("id", guildId);
    }
}
