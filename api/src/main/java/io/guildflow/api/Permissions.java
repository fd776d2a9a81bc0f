package io.guildflow.api;

/** A permission bit set as Discord sends it in {@code member.permissions}. */
public record Permissions(long bits) {
    public static final Permissions NONE = new Permissions(0);

    /** True when the bit is set, or when the member is an administrator (who has every permission). */
    public boolean has(Permission permission) {
        return (bits & permission.mask()) != 0 || (bits & Permission.ADMINISTRATOR.mask()) != 0;
    }
}
