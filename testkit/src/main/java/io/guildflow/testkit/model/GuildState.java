package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Live state of one guild: members (who joins, leaves, is banned, sits in voice), channels, threads and roles, which
 * REST calls and emulated events change.
 */
public final class GuildState {
    private final long id;
    private final long ownerId;
    private final Instant createdAt;
    private final long botRoleId;
    private final GuildMembers members;
    private final EntityList channels = new EntityList("channel");
    private final EntityList threads = new EntityList("thread");
    private final EntityList roles = new EntityList("role");
    private volatile String name;
    private volatile boolean available = true;

    public GuildState(
            long id, String name, long ownerId, List<GuildMember> members, Instant createdAt, long botRoleId) {
        this.id = id;
        this.botRoleId = botRoleId;
        this.name = name;
        this.ownerId = ownerId;
        this.members = new GuildMembers(members, ownerId);
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

    public void rename(String newName) {
        this.name = newName;
    }

    public long ownerId() {
        return ownerId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    // ---- members ----

    /** Current members in join order (the bot's own member is not included). */
    public List<EmulatedUser> members() {
        return members.users();
    }

    public Optional<GuildMember> member(long userId) {
        return members.get(userId);
    }

    /** Who is a member, banned, in voice; and the changes Discord allows to that. */
    public GuildMembers roster() {
        return members;
    }

    // ---- channels, threads, roles ----

    public void addChannel(ObjectNode channel) {
        channels.add(channel);
    }

    /** The kinds of objects a guild holds by id. */
    public enum Kind { CHANNEL, THREAD, ROLE }

    /** Replaces a channel, thread or role with a copy {@code change} was applied to; returns the copy. */
    public ObjectNode update(Kind kind, long id, Consumer<ObjectNode> change) {
        return entities(kind).update(id, change);
    }

    /** Removes a channel, thread or role; returns it as it was. NoSuchElementException if unknown. */
    public ObjectNode remove(Kind kind, long id) {
        return entities(kind).remove(id);
    }

    private EntityList entities(Kind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case THREAD -> threads;
            case ROLE -> roles;
        };
    }

    public void addThread(ObjectNode thread) {
        threads.add(thread);
    }

    /** Removes the threads of a deleted channel. */
    public void removeThreadsOf(long parentId) {
        String parent = Json.id(parentId);
        threads.list().stream().filter(t -> parent.equals(t.path("parent_id").asText()))
                .forEach(t -> threads.remove(Long.parseUnsignedLong(t.path("id").asText())));
    }

    public void addRole(ObjectNode role) {
        roles.add(role);
    }

    public Optional<ObjectNode> role(long roleId) {
        return roles.get(roleId);
    }

    public List<ObjectNode> channels() {
        return channels.list();
    }

    public List<ObjectNode> roles() {
        return roles.list();
    }

    /** A channel or thread of this guild (REST and message routes treat both as channels, as Discord does). */
    public Optional<ObjectNode> channel(long channelId) {
        return channels.get(channelId).or(() -> threads.get(channelId));
    }

    public long firstTextChannelId() {
        return channels.list().stream()
                .filter(c -> c.path("type").asInt() == 0)
                .map(c -> Long.parseUnsignedLong(c.path("id").asText()))
                .findFirst()
                .orElseThrow();
    }

    public ArrayNode channelsJson() {
        return channels.json();
    }

    public ArrayNode threadsJson() {
        return threads.json();
    }

    public ArrayNode rolesJson() {
        return roles.json();
    }

    public EmulatedGuild snapshot() {
        List<String> ids = new ArrayList<>();
        channels.list().forEach(c -> ids.add(c.path("id").asText()));
        return new EmulatedGuild(idString(), name, ids, members.users());
    }
}
