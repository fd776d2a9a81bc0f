package io.guildflow.testkit.interaction;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.testkit.recording.InteractionRecord;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** All interactions dispatched by one emulator, by id and by token. */
public final class InteractionRegistry {
    private final Map<Long, InteractionState> byId = new ConcurrentHashMap<>();
    private final Map<String, InteractionState> byToken = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<InteractionState> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int limit;

    /** Keeps at most {@code limit} interactions; the oldest are forgotten first (their callbacks then get 10062). */
    public InteractionRegistry(int limit) {
        this.limit = limit;
    }

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
        order.add(state);
        if (size.incrementAndGet() > limit) {
            InteractionState oldest = order.poll();
            if (oldest != null) {
                size.decrementAndGet();
                byId.remove(oldest.id());
                byToken.remove(oldest.token());
            }
        }
    }

    public Optional<InteractionState> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A message the bot answered some interaction with, as it is now (see {@link InteractionState#answerMessage}). */
    public Optional<ObjectNode> answerMessage(String messageId) {
        return byId.values().stream().map(state -> state.answerMessage(messageId)).flatMap(Optional::stream)
                .findFirst();
    }

    public Optional<InteractionState> byToken(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    public int size() {
        return byId.size();
    }

    public void clear() {
        byId.clear();
        byToken.clear();
        order.clear();
        size.set(0);
    }

    public List<InteractionRecord> snapshots() {
        List<InteractionRecord> out = new ArrayList<>(byId.size());
        byId.values().forEach(s -> out.add(s.snapshot()));
        out.sort(Comparator.comparingLong(r -> Long.parseUnsignedLong(r.id())));
        return out;
    }
}
