package io.guildflow.api;

/** Discord permission bits a bot commonly checks (see Discord's "Permissions" table). */
public enum Permission {
    CREATE_INSTANT_INVITE(0),
    KICK_MEMBERS(1),
    BAN_MEMBERS(2),
    ADMINISTRATOR(3),
    MANAGE_CHANNELS(4),
    MANAGE_GUILD(5),
    ADD_REACTIONS(6),
    VIEW_AUDIT_LOG(7),
    VIEW_CHANNEL(10),
    SEND_MESSAGES(11),
    MANAGE_MESSAGES(13),
    EMBED_LINKS(14),
    ATTACH_FILES(15),
    READ_MESSAGE_HISTORY(16),
    MENTION_EVERYONE(17),
    MANAGE_ROLES(28),
    MANAGE_WEBHOOKS(29),
    MANAGE_THREADS(34),
    MODERATE_MEMBERS(40);

    private final int bit;

    Permission(int bit) {
        this.bit = bit;
    }

    public long mask() {
        return 1L << bit;
    }
}
