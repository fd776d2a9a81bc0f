package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Live state of one guild: channels and roles can be created over REST (for a {@code setup} command). */
public final class GuildState {
    private final long id;
    private final String name;
    private final long ownerId;
    private final Instant createdAt;
    private final List<EmulatedUser> members;
    private final long botRoleId;
    private final CopyOnWriteArrayList<ObjectNode> channels = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ObjectNode> roles = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;

    public GuildState(
            long id, String name, long ownerId, List<EmulatedUser> members, Instant createdAt, long botRoleId) {
        this.id = id;
        this.botRoleId = botRoleId;
        this.name = name;
        this.ownerId = ownerId;
        this.members = List.copyOf(members);
        this.createdAt = createdAt;
        roles.add(Payloads.role(id, "@everyone", 0, "1071698660929"));
        ObjectNode botRole = Payloads.role(botRoleId, "guildflow-bot", 1, Payloads.ALL_PERMISSIONS);
        botRole.put("managed", true);
        roles.add(botRole);
    }

    /** The bot's managed role, carrying every permission (including ADMINISTRATOR). */
    public long botRoleId() {
        return botRoleId;
    }

    /** False during an outage: READY lists it, GUILD_DELETE (unavailable) replaces its GUILD_CREATE. */
    public boolean available() {
        return available;
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    public long id() {
        return id;
    }

    public String idString() {
        return Json.id(id);
    }

    public String name() {
        return name;
    }

    public long ownerId() {
        return ownerId;
    }

    public List<EmulatedUser> members() {
        return members;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void addChannel(ObjectNode channel) {
        channels.add(channel);
    }

    public void addRole(ObjectNode role) {
        roles.add(role);
    }

    public List<ObjectNode> channels() {
        return List.copyOf(channels);
    }

    public List<ObjectNode> roles() {
        return List.copyOf(roles);
    }

    public Optional<ObjectNode> channel(long channelId) {
        String wanted = Json.id(channelId);
        return channels.stream().filter(c -> wanted.equals(c.path("id").asText())).findFirst();
    }

    public long firstTextChannelId() {
        return channels.stream()
                .filter(c -> c.path("type").asInt() == 0)
                .map(c -> Long.parseUnsignedLong(c.path("id").asText()))
                .findFirst()
                .orElseThrow();
    }

    public ArrayNode channelsJson() {
        ArrayNode a = Json.array();
        channels.forEach(c -> a.add(c.deepCopy()));
        return a;
    }

    public ArrayNode rolesJson() {
        ArrayNode a = Json.array();
        roles.forEach(r -> a.add(r.deepCopy()));
        return a;
    }

    public EmulatedGuild snapshot() {
        List<Long> ids = new ArrayList<>();
        channels.forEach(c -> ids.add(Long.parseUnsignedLong(c.path("id").asText())));
        return new EmulatedGuild(id, name, ids, members);
    }
}
