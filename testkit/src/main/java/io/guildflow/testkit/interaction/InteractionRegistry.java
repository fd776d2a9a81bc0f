package io.guildflow.testkit.interaction;

import io.guildflow.testkit.recording.InteractionRecord;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** All interactions dispatched by one emulator, by id and by token. */
public final class InteractionRegistry {
    private final Map<Long, InteractionState> byId = new ConcurrentHashMap<>();
    private final Map<String, InteractionState> byToken = new ConcurrentHashMap<>();

    /** A unique, unguessable interaction token (Discord's are long opaque strings). */
    public static String newToken(long id) {
        byte[] random = new byte[48];
        ThreadLocalRandom.current().nextBytes(random);
        return "aW50ZXJhY3Rpb246" + Long.toHexString(id) + "-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public void add(InteractionState state) {
        byId.put(state.id(), state);
        byToken.put(state.token(), state);
    }

    public Optional<InteractionState> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<InteractionState> byToken(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    public int size() {
        return byId.size();
    }

    public List<InteractionRecord> snapshots() {
        List<InteractionRecord> out = new ArrayList<>(byId.size());
        byId.values().forEach(s -> out.add(s.snapshot()));
        out.sort(Comparator.comparingLong(InteractionRecord::id));
        return out;
    }
}
