package io.guildflow.worker.consumer;

import io.nats.client.Message;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JetStream messages a worker is handling now, for the interaction and the gateway-event consumers alike: a
 * slow handler keeps its message through in-progress signals, and a stop hands what is left back at once.
 */
public final class InFlight {
    private static final Logger log = LoggerFactory.getLogger(InFlight.class);

    private final Set<Message> messages = ConcurrentHashMap.newKeySet();

    public void add(Message message) {
        messages.add(message);
    }

    public void remove(Message message) {
        messages.remove(message);
    }

    public int size() {
        return messages.size();
    }

    /** Tells JetStream the messages in hand are still being worked on, so it does not redeliver them elsewhere. */
    public void extend() {
        for (Message message : messages) {
            try {
                message.inProgress();
            } catch (RuntimeException e) {
                log.debug("in-progress signal failed: {}", e.toString());
            }
        }
    }

    /**
     * Hands every message in hand back for redelivery now (connection gone: JetStream redelivers after ackWait), each
     * once: a message handed back is no longer in hand.
     */
    public void handBack() {
        for (Message message : messages) {
            if (!messages.remove(message)) {
                continue;
            }
            try {
                message.nak();
            } catch (RuntimeException e) {
                log.debug("nak failed: {}", e.toString());
            }
        }
    }
}
