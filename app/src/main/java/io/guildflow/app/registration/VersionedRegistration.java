package io.guildflow.app.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.nats.Topology;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Start-up command registration that is safe during a rollout. A NATS key-value entry per scope
 * records the newest bot version that started and its commands; every process first offers its
 * own (compare-and-set, so only a newer version replaces the record), then makes Discord hold the
 * recorded commands, and checks afterwards that the record did not move meanwhile (else it goes
 * again). So an older version starting late registers the newer version's commands, never its own.
 * When Discord already holds them, a start costs one GET.
 */
public final class VersionedRegistration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;

    private final CommandSync sync;
    private final KeyValue records;
    private final BotVersion version;

    /** Which commands Discord now holds, and whether this start changed them. */
    public record Registered(BotVersion registeredVersion, boolean changed, java.util.List<String> names) {
    }

    private record Recorded(BotVersion version, JsonNode commands, long revision) {
    }

    public VersionedRegistration(CommandSync sync, Connection nats, Topology topology, BotVersion version) {
        this.sync = sync;
        this.version = version;
        this.records = bucket(nats, topology.commandRegistrationBucket());
    }

    public Registered reconcile(CommandScope scope, JsonNode wanted) {
        String key = scope.guildId().map(id -> "guild_" + id).orElse("global");
        try {
            offer(key, wanted);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Recorded winner = read(key);
                CommandSync.Result result = sync.sync(scope, winner.commands(), false);
                if (read(key).revision() == winner.revision()) {
                    return new Registered(winner.version(), result.changed(), result.names());
                }
            }
            throw new IllegalStateException("the command registration record " + key + " kept changing during "
                    + ATTEMPTS + " attempts");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the command registration record " + key, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("NATS refused the command registration record " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /** Records this version's commands unless a newer version (or this one, with the same commands) is recorded. */
    private void offer(String key, JsonNode wanted) throws IOException, JetStreamApiException {
        byte[] mine = JSON.writeValueAsBytes(JSON.createObjectNode().put("version", version.text()).set("commands",
                wanted));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            KeyValueEntry entry = records.get(key);
            try {
                if (entry == null || entry.getValue() == null) {
                    records.create(key, mine);
                    return;
                }
                Recorded recorded = parse(entry);
                boolean newer = version.isNewerThan(recorded.version());
                boolean sameVersionOtherCommands = version.compareTo(recorded.version()) == 0
                        && !CommandComparison.same(recorded.commands(), wanted);
                if (newer || sameVersionOtherCommands) {
                    records.update(key, mine, entry.getRevision());
                }
                return;
            } catch (JetStreamApiException e) {
                // Another process wrote the record between our read and write, or our read came from a
                // replica behind the leader: read it again.
                if (attempt < ATTEMPTS) {
                    pauseBeforeAttempt(attempt);
                }
            }
        }
        throw new IllegalStateException("the command registration record " + key + " kept changing");
    }

    /**
     * The recorded version and commands. Key-value reads are direct gets that any replica of a NATS cluster may
     * answer, also one that has not yet applied the record this process just wrote: a missing record is read
     * again for a moment before it counts as gone.
     */
    private Recorded read(String key) throws IOException, JetStreamApiException {
        for (int attempt = 1; ; attempt++) {
            KeyValueEntry entry = records.get(key);
            if (entry != null && entry.getValue() != null) {
                return parse(entry);
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("the command registration record " + key + " vanished");
            }
            pauseBeforeAttempt(attempt);
        }
    }

    /** 50, 100, 150 … ms: a lagging replica catches up within milliseconds. */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the command registration record", e);
        }
    }

    private static Recorded parse(KeyValueEntry entry) throws IOException {
        ObjectNode record = (ObjectNode) JSON.readTree(entry.getValue());
        return new Recorded(BotVersion.parse("registration record", record.path("version").asText()),
                record.path("commands"), entry.getRevision());
    }

    /** The bucket {@link io.guildflow.common.nats.StreamProvisioner#ensureStreams} created with the streams. */
    private static KeyValue bucket(Connection nats, String name) {
        try {
            return nats.keyValue(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the command registration bucket " + name, e);
        }
    }
}
