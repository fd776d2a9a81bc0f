package io.guildflow.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guildflow.common.BackgroundPriority;
import io.guildflow.common.DaemonThreads;
import io.guildflow.common.event.EventHeaders;
import io.guildflow.common.event.EventKeys;
import io.guildflow.common.event.EventScope;
import io.guildflow.common.nats.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores gateway events in the event stream in the order the gateway received them. One thread takes the head of
 * the {@link EventBuffer}, publishes it synchronously and removes it only once JetStream stored it (or reports it
 * a duplicate); while NATS is down it retries the same head with backoff. There is never more than one distinct
 * event in flight, so no retry can overtake a later event: the order of the stream is the order of receipt.
 *
 * <p>{@code Nats-Msg-Id} is the event's natural key where {@link EventKeys} gives one (a second gateway's copy is
 * dropped by JetStream within the 2-minute duplicate window), else an id unique to this process and event (a
 * retry of a publish whose acknowledgement was lost is dropped). The only loss path: the buffer is full
 * ({@code EVENT_BUFFER_BYTES}) and the newest events are dropped, with one ERROR line per burst.
 */
public final class EventPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final Connection nats;
    private final JetStream jetStream;
    private final Topology topology;
    private final int partitions;
    private final EventBuffer buffer;
    private final EventMeters meters;
    private final ObjectMapper json = new ObjectMapper();
    private final String processId = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    /** Whether the latest offer was refused: the first refusal of a burst logs, the rest only count. */
    private volatile boolean dropping;

    /**
     * @param nats       a connection of the events' own: a flood of events never waits in front of an interaction
     * @param partitions {@code EVENT_PARTITIONS}, the same on every gateway and worker of the environment
     */
    public EventPublisher(Connection nats, Topology topology, int partitions, EventSettings settings,
                          MeterRegistry registry) throws IOException {
        this.nats = nats;
        this.jetStream = nats.jetStream();
        this.topology = topology;
        this.partitions = partitions;
        this.buffer = new EventBuffer(settings.bufferBytes());
        this.meters = new EventMeters(registry, buffer);
        this.thread = DaemonThreads.thread("gf-event-publish", this::loop);
        thread.start();
    }

    /** Queues one dispatch; never waits. False when it was dropped because the buffer is full. */
    public boolean enqueue(String type, int shard, java.time.Instant receivedAt, byte[] body) {
        meters.received(type);
        ReceivedEvent event = new ReceivedEvent(type, shard, receivedAt, body,
                processId + ":" + sequence.incrementAndGet());
        if (running && buffer.offer(event)) {
            dropping = false;
            return true;
        }
        meters.dropped.increment();
        if (!dropping) {
            dropping = true;
            log.error("event buffer full ({} bytes, EVENT_BUFFER_BYTES): dropping the newest events until it drains;"
                    + " see guildflow_gateway_events_dropped_total", buffer.bytes());
        }
        return false;
    }

    /** Events received and not yet stored. */
    public int backlog() {
        return buffer.size();
    }

    /** Waits until every event received so far is stored, at most {@code timeout}. */
    public boolean awaitFlushed(Duration timeout) throws InterruptedException {
        return buffer.awaitEmpty(timeout);
    }

    private void loop() {
        BackgroundPriority.lowerThisThread();
        long backoff = FIRST_BACKOFF_MILLIS;
        boolean failing = false;
        NatsMessage prepared = null;
        ReceivedEvent preparedFor = null;
        while (running) {
            try {
                ReceivedEvent head = buffer.awaitHead(IDLE_POLL);
                if (head == null) {
                    continue;
                }
                if (nats.getStatus() != Connection.Status.CONNECTED) {
                    Thread.sleep(FIRST_BACKOFF_MILLIS); // nothing waits in jnats' reconnect buffer
                    continue;
                }
                if (preparedFor != head) {
                    prepared = message(head);
                    preparedFor = head;
                }
                if (prepared == null) {
                    buffer.removeHead(head); // cannot ever be stored: it must not hold up the events behind it
                    meters.dropped.increment();
                    continue;
                }
                PublishAck ack = jetStream.publish(prepared);
                buffer.removeHead(head);
                meters.published(head.type(), ack.isDuplicate());
                if (failing) {
                    log.info("event publishing recovered; {} events waiting", buffer.size());
                }
                failing = false;
                backoff = FIRST_BACKOFF_MILLIS;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                meters.failures.increment();
                if (!failing) {
                    log.warn("event publishing failed, retrying the oldest event with backoff ({} events waiting): {}",
                            buffer.size(), e.toString());
                }
                failing = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /**
     * Subject, headers and id, read from the body on this thread rather than on JDA's read thread; null for an
     * event no NATS server would take (larger than its max payload) or whose body is not JSON.
     */
    private NatsMessage message(ReceivedEvent event) {
        JsonNode d;
        try {
            d = json.readTree(event.body());
        } catch (IOException e) {
            log.error("dropping a {} event whose body is not JSON: {}", event.type(), e.getMessage());
            return null;
        }
        if (event.body().length > nats.getMaxPayload()) {
            log.error("dropping a {} event of {} bytes: more than the NATS server's max_payload ({})", event.type(),
                    event.body().length, nats.getMaxPayload());
            return null;
        }
        EventScope scope = EventScope.of(d);
        Headers headers = new Headers()
                .put(EventHeaders.TYPE, event.type())
                .put(EventHeaders.RECEIVED_AT, event.receivedAt().toString())
                .put(EventHeaders.SHARD, Integer.toString(event.shard()));
        String id = EventKeys.of(event.type(), d).map(key -> {
            headers.put(EventHeaders.KEY, key);
            return key;
        }).orElse(event.localId());
        headers.put(Topology.HEADER_MESSAGE_ID, id);
        return NatsMessage.builder()
                .subject(topology.eventSubject(scope, event.type(), scope.partition(partitions)))
                .headers(headers).data(event.body()).build();
    }

    /** Stops publishing; call {@link #awaitFlushed} first to store what was received. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
