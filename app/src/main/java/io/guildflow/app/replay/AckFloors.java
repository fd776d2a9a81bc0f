package io.guildflow.app.replay;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.util.List;

/**
 * Where the workers' durable consumers of one stream stand: an event at or below its consumer's acknowledgement floor
 * was handled by a worker before the database failed (replay restores its effects and records its answer and posts as
 * delivered); one above it still waits for the workers (delivered and handed back while PostgreSQL was down, or never
 * delivered), who handle it, answer and post as usual once they run again, so replay leaves it to them. A stream
 * without such a consumer has nothing waiting: a consumer created later reads the stream from its start, and the
 * ledger turns every event it finds handled into nothing.
 *
 * <p>One case stays open: an event a worker acknowledged out of order, above a floor held back by an earlier event
 * still in flight when the database failed (at most the workers' in-flight events): replay leaves it and no worker
 * redelivers it, so its effects are not restored.
 */
record AckFloors(List<Floor> floors) {
    /** A consumer's subject filter ({@code *} one token, {@code >} the rest) and its acknowledgement floor. */
    record Floor(String filter, long streamSequence) {
    }

    /** The floors of every durable consumer of {@code stream}; none when the stream has none. */
    static AckFloors of(JetStreamManagement management, String stream) throws IOException, JetStreamApiException {
        return new AckFloors(management.getConsumers(stream).stream()
                .filter(info -> info.getConsumerConfiguration().getDurable() != null)
                .map(AckFloors::floor).toList());
    }

    private static Floor floor(ConsumerInfo info) {
        String filter = info.getConsumerConfiguration().getFilterSubject();
        return new Floor(filter == null || filter.isEmpty() ? ">" : filter, info.getAckFloor().getStreamSequence());
    }

    /** Whether the workers still have this event to handle (it is above its consumer's floor). */
    boolean waitingForWorkers(String subject, long streamSequence) {
        for (Floor floor : floors) {
            if (matches(floor.filter(), subject)) {
                return streamSequence > floor.streamSequence();
            }
        }
        return false;
    }

    /** NATS subject matching: {@code *} matches one token, a final {@code >} one or more. */
    static boolean matches(String filter, String subject) {
        String[] wanted = filter.split("\\.");
        String[] tokens = subject.split("\\.");
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].equals(">")) {
                return tokens.length > i;
            }
            if (i >= tokens.length || !(wanted[i].equals("*") || wanted[i].equals(tokens[i]))) {
                return false;
            }
        }
        return tokens.length == wanted.length;
    }
}
