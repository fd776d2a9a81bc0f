package io.guildflow.gateway.shard;

import io.guildflow.common.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * {@code SHARD_IDS}: the shards this gateway owns out of {@code SHARD_COUNT}, so several gateway
 * deployments can split one bot ("shard sets"). Empty means all shards.
 */
public record ShardIds(Optional<List<Integer>> ids) {
    static final String EXPECTED = "'all', a range such as 0-15, or a list such as 0,2,5 (needs SHARD_COUNT)";

    public ShardIds {
        ids = ids.map(List::copyOf);
    }

    public static ShardIds all() {
        return new ShardIds(Optional.empty());
    }

    public boolean isAll() {
        return ids.isEmpty();
    }

    static ShardIds parse(String variable, String value, OptionalInt shardCount) {
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("all")) {
            return all();
        }
        TreeSet<Integer> ids = new TreeSet<>();
        try {
            for (String part : trimmed.split(",")) {
                String[] bounds = part.trim().split("-", -1);
                int from = Integer.parseInt(bounds[0].trim());
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : from;
                if (bounds.length > 2 || from < 0 || to < from) {
                    throw ConfigException.invalid(variable, value, EXPECTED);
                }
                for (int id = from; id <= to; id++) {
                    ids.add(id);
                }
            }
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(variable, value, EXPECTED);
        }
        if (shardCount.isEmpty()) {
            throw ConfigException.invalid(variable, value, "SHARD_COUNT as well: a shard set needs the total");
        }
        if (ids.last() >= shardCount.getAsInt()) {
            throw ConfigException.invalid(variable, value, "shard ids below SHARD_COUNT=" + shardCount.getAsInt());
        }
        return new ShardIds(Optional.of(new ArrayList<>(ids)));
    }

    /** E.g. {@code 0-15} or {@code 0,2,5}; {@code all}. */
    public String describe() {
        if (ids.isEmpty()) {
            return "all";
        }
        List<Integer> list = ids.get();
        boolean contiguous = list.get(list.size() - 1) - list.get(0) == list.size() - 1;
        if (contiguous && list.size() > 1) {
            return list.get(0) + "-" + list.get(list.size() - 1);
        }
        return String.join(",", list.stream().map(String::valueOf).toList());
    }
}
