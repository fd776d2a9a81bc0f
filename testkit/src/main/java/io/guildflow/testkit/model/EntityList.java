package io.guildflow.testkit.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Discord objects of one kind in a guild (channels, roles, threads), in creation order, found by their {@code id}. An
 * update replaces the stored object with a changed copy, so a payload already handed out never changes under a reader.
 */
final class EntityList {
    private final String kind;
    private final CopyOnWriteArrayList<ObjectNode> items = new CopyOnWriteArrayList<>();

    EntityList(String kind) {
        this.kind = kind;
    }

    void add(ObjectNode item) {
        items.add(item);
    }

    Optional<ObjectNode> get(long id) {
        String wanted = Json.id(id);
        return items.stream().filter(i -> wanted.equals(i.path("id").asText())).findFirst();
    }

    /** Applies {@code change} to a copy of the object and stores the copy; returns it. */
    synchronized ObjectNode update(long id, Consumer<ObjectNode> change) {
        ObjectNode old = get(id).orElseThrow(() -> unknown(id));
        ObjectNode changed = old.deepCopy();
        change.accept(changed);
        items.set(items.indexOf(old), changed);
        return changed;
    }

    synchronized ObjectNode remove(long id) {
        ObjectNode old = get(id).orElseThrow(() -> unknown(id));
        items.remove(old);
        return old;
    }

    List<ObjectNode> list() {
        return List.copyOf(items);
    }

    int size() {
        return items.size();
    }

    ArrayNode json() {
        ArrayNode a = Json.array();
        items.forEach(i -> a.add(i.deepCopy()));
        return a;
    }

    private NoSuchElementException unknown(long id) {
        return new NoSuchElementException("unknown " + kind + " " + Json.id(id));
    }
}
