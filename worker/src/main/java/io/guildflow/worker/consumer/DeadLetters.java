package io.guildflow.worker.consumer;

import io.guildflow.common.nats.Topology;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;

/** Moves an event that can never be processed to the environment's dead-letter stream, as is. */
public final class DeadLetters {
    private final JetStream jetStream;
    private final Topology topology;

    public DeadLetters(JetStream jetStream, Topology topology) {
        this.jetStream = jetStream;
        this.topology = topology;
    }

    /** Publishes synchronously: the original may only be acked once the copy is stored. */
    void publish(Message original, String reason, long deliveredCount) throws IOException, JetStreamApiException {
        // the subject, not the body, says where: the body may be what could not be read
        publish(original, topology.deadLetterSubjectOf(original.getSubject()), reason, deliveredCount);
    }

    /** As {@link #publish(Message, String, long)}, to a dead-letter subject the caller chose (gateway events'). */
    public void publish(Message original, String subject, String reason, long deliveredCount)
            throws IOException, JetStreamApiException {
        Headers headers = new Headers();
        if (original.getHeaders() != null) {
            // Keep tracing and gateway headers; the message id would be deduplicated against the original.
            original.getHeaders().entrySet().stream()
                    .filter(e -> !e.getKey().equalsIgnoreCase(Topology.HEADER_MESSAGE_ID))
                    .forEach(e -> headers.put(e.getKey(), e.getValue()));
        }
        headers.put(Topology.HEADER_DLQ_REASON, headerSafe(reason));
        headers.put(Topology.HEADER_DELIVERY_COUNT, Long.toString(deliveredCount));
        headers.put(Topology.HEADER_ORIGINAL_SUBJECT, original.getSubject());
        // Stable id: if we crash between publish and ack, the redelivered original is not dead-lettered twice.
        headers.put(Topology.HEADER_MESSAGE_ID, "dlq-" + original.metaData().streamSequence());
        byte[] data = original.getData() == null ? new byte[0] : original.getData();
        jetStream.publish(subject, headers, data);
    }

    private static String headerSafe(String reason) {
        String oneLine = reason.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[^\\x20-\\x7e]", "?");
        return oneLine.length() > 256 ? oneLine.substring(0, 256) : oneLine;
    }
}
