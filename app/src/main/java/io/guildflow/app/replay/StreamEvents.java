package io.guildflow.app.replay;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The events one stream holds since a point in time, read once in stream order: an ephemeral pull consumer starting
 * at that time, without acknowledgements (nothing is taken from the workers' durable consumers). Its pending count at
 * creation is the total; events published after it are left for the workers.
 */
final class StreamEvents implements AutoCloseable {
    /** Long enough for a slow handler between two reads; the server removes the consumer this long after a crash. */
    private static final Duration INACTIVE = Duration.ofMinutes(5);
    private static final Duration READ_WAIT = Duration.ofSeconds(5);

    private final JetStreamManagement management;
    private final String stream;
    private final String consumer;
    private final long total;
    private final IterableConsumer messages;
    private long read;

    private StreamEvents(JetStreamManagement management, String stream, String consumer, long total,
                         IterableConsumer messages) {
        this.management = management;
        this.stream = stream;
        this.consumer = consumer;
        this.total = total;
        this.messages = messages;
    }

    static StreamEvents since(Connection nats, String stream, Instant since) throws IOException, JetStreamApiException {
        JetStreamManagement management = nats.jetStreamManagement();
        ConsumerInfo info = management.addOrUpdateConsumer(stream, ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.ByStartTime).startTime(since.atZone(ZoneOffset.UTC))
                .ackPolicy(AckPolicy.None).inactiveThreshold(INACTIVE).build());
        ConsumerContext context = nats.getStreamContext(stream).getConsumerContext(info.getName());
        return new StreamEvents(management, stream, info.getName(), info.getNumPending(), context.iterate());
    }

    long total() {
        return total;
    }

    /** @return the next event, or null once all {@link #total()} were read */
    Message next() throws IOException, InterruptedException {
        if (read >= total) {
            return null;
        }
        try {
            Message message = messages.nextMessage(READ_WAIT);
            if (message == null) {
                throw new IOException("stream " + stream + " sent nothing for " + READ_WAIT.toSeconds() + " s after "
                        + read + " of " + total + " events");
            }
            read++;
            return message;
        } catch (JetStreamStatusCheckedException e) {
            throw new IOException("stream " + stream + " stopped after " + read + " of " + total + " events: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        messages.stop();
        try {
            management.deleteConsumer(stream, consumer);
        } catch (IOException | JetStreamApiException e) {
            // The server removes it after INACTIVE anyway.
        }
    }
}
