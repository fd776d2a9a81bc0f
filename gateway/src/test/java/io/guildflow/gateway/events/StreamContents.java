package io.guildflow.gateway.events;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a stream holds, in stream order: the tests' view of "stored, once, in order". */
final class StreamContents {
    private StreamContents() {
    }

    static List<MessageInfo> all(Connection nats, String stream) throws IOException, JetStreamApiException {
        JetStreamManagement management = nats.jetStreamManagement();
        long last = management.getStreamInfo(stream).getStreamState().getLastSequence();
        List<MessageInfo> messages = new ArrayList<>();
        for (long seq = 1; seq <= last; seq++) {
            messages.add(management.getMessage(stream, seq));
        }
        return messages;
    }

    static long count(Connection nats, String stream) throws IOException, JetStreamApiException {
        return nats.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
    }
}
