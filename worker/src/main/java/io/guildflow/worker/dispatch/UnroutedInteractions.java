package io.guildflow.worker.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactions no handler claims: a command the bot no longer has (registered by an older version, or
 * by another bot on the same application), a button whose prefix nobody serves. Each name is logged
 * once at WARN with the registered ones, so a typo in a prefix is seen at once; a flood of clicks on an
 * old message logs one line, not one per click. Names are counted up to {@link #LIMIT}: custom_ids come
 * from users' clients, and a client sending a new prefix each time must not grow memory or the log.
 */
final class UnroutedInteractions {
    private static final Logger log = LoggerFactory.getLogger(UnroutedInteractions.class);
    static final int LIMIT = 256;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> described = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param what       e.g. {@code command /gone} or {@code component custom_id prefix 'vote'}
     * @param registered what the bot serves for that kind, for the operator to compare with; asked only for a
     *                   new name, so a flood of a known one costs a set lookup
     */
    void record(String what, Supplier<List<String>> registered) {
        if (seen.size() >= LIMIT || !seen.add(what)) {
            return;
        }
        List<String> names = registered.get();
        String line = what + " (registered: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")";
        described.add(line);
        if (seen.size() == LIMIT) {
            log.warn("no handler for {}; {} unrouted names seen, further ones are not logged", line, LIMIT);
        } else {
            log.warn("no handler for {}; answered with the fallback, logged once per name", line);
        }
    }

    /** Each unrouted name seen so far, with the registered ones, in order of first arrival. */
    List<String> seen() {
        synchronized (described) {
            return List.copyOf(described);
        }
    }
}
