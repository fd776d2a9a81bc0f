package io.guildflow.worker.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guildflow.common.discord.DiscordApiException;
import io.guildflow.common.discord.DiscordRestClient;
import io.guildflow.common.discord.ResponseBodies;
import io.guildflow.common.discord.ResponseEncoder;
import io.guildflow.common.envelope.InteractionEnvelope;
import io.guildflow.common.envelope.InteractionKind;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers over Discord's REST API. When the callback is refused as already acknowledged (the
 * gateway's guard deferred it, or an earlier send of this same stored answer got through), the
 * answer becomes an edit of {@code @original}: the user sees one message either way. Two exceptions: a
 * component click the guard acknowledged with a deferred update ({@code @original} is then the clicked
 * message, so a reply goes out as a follow-up instead of overwriting it), and an ephemeral answer after a
 * public deferral (the public "thinking…" is deleted and the answer sent as an ephemeral follow-up, so
 * what the handler meant for one user is never shown to the channel).
 *
 * <p>Follow-ups are POSTs, which Discord cannot de-duplicate: the caller's {@code beforeFollowUps} records
 * the answer as sent before the first of them, so a worker dying after sending one leaves nothing to repeat (at
 * most once). A redelivery ({@link #respondAgain}) reads {@code @original} before it sends and sends nothing Discord
 * shows already, so an answer whose send went unrecorded is not edited in a second time.
 */
public final class RestDiscordResponder implements DiscordResponder {
    private static final Logger log = LoggerFactory.getLogger(RestDiscordResponder.class);

    private final DiscordRestClient rest;

    public RestDiscordResponder(DiscordRestClient rest) {
        this.rest = rest;
    }

    @Override
    public Responded respond(InteractionEnvelope envelope, ResponseBodies response) throws Exception {
        return respond(envelope, response, () -> { });
    }

    @Override
    public Responded respond(InteractionEnvelope envelope, ResponseBodies response,
                                  BeforeFollowUps beforeFollowUps) throws Exception {
        return respond(envelope, response, beforeFollowUps, Original.UNREAD);
    }

    /**
     * Reads {@code @original} first: an earlier delivery may have died after Discord took this answer and before it
     * recorded the send. If Discord shows it already, only the follow-ups remain (none went out: the send is recorded
     * before the first). A read that fails for another reason than a dead token is only a lost shortcut.
     */
    @Override
    public Responded respondAgain(InteractionEnvelope envelope, ResponseBodies response,
                                       BeforeFollowUps beforeFollowUps) throws Exception {
        ObjectNode expected = ShownAnswer.expected(response);
        if (expected == null) {
            return respond(envelope, response, beforeFollowUps, Original.UNREAD);
        }
        Original original;
        try {
            original = original(envelope);
        } catch (DiscordApiException e) {
            log.debug("interaction {}: @original not read ({}); sending the answer", envelope.interactionId(),
                    e.getMessage());
            original = Original.UNREAD;
        }
        if (original.state() == Original.State.EXPIRED) {
            return Responded.EXPIRED;
        }
        if (original.message() != null && !(isNewMessage(response) && original.isMessage(componentMessageId(envelope)))
                && ShownAnswer.shows(original.message(), expected)) {
            return sendFollowUps(envelope, response.followUps(), beforeFollowUps) == Responded.EXPIRED
                    ? Responded.EXPIRED : Responded.SHOWN_ALREADY;
        }
        // only a message read is still true when the callback is refused; 10008 may be a deferral since
        return respond(envelope, response, beforeFollowUps, original.message() != null ? original : Original.UNREAD);
    }

    /** @param known {@code @original} as read just before, or {@link Original#UNREAD} */
    private Responded respond(InteractionEnvelope envelope, ResponseBodies response, BeforeFollowUps beforeFollowUps,
                              Original known) throws Exception {
        Responded result;
        try {
            rest.respond(envelope.interactionId(), envelope.token(), response.callback());
            result = Responded.CALLBACK;
        } catch (DiscordApiException e) {
            if (!e.isAlreadyAcknowledged()) {
                return expiredOrThrow(envelope, e);
            }
            Original original = known.state() != Original.State.UNREAD || !needsOriginal(envelope, response)
                    ? known : original(envelope);
            if (original.state() == Original.State.EXPIRED) {
                return Responded.EXPIRED;
            }
            if (isNewMessage(response) && original.isMessage(componentMessageId(envelope))) {
                return followUpInstead(envelope, response, beforeFollowUps);
            }
            if (isEphemeral(response) && (original.gone() || original.isPublic())) {
                return privately(envelope, response, original, beforeFollowUps);
            }
            ObjectNode message = response.callbackMessage();
            if (message != null && !editOriginal(envelope, withoutFlags(message))) {
                return Responded.EXPIRED;
            }
            result = Responded.EDIT;
        }
        if (response.original() != null && !editOriginal(envelope, response.original())) {
            return Responded.EXPIRED;
        }
        return sendFollowUps(envelope, response.followUps(), beforeFollowUps) == Responded.EXPIRED
                ? Responded.EXPIRED : result;
    }

    private Responded sendFollowUps(InteractionEnvelope envelope, List<ObjectNode> messages,
                                         BeforeFollowUps beforeFollowUps) throws Exception {
        if (!messages.isEmpty()) {
            beforeFollowUps.run();
        }
        for (ObjectNode message : messages) {
            try {
                rest.followUp(envelope.applicationId(), envelope.token(), message);
            } catch (DiscordApiException e) {
                return expiredOrThrow(envelope, e);
            }
        }
        return Responded.FOLLOW_UP;
    }

    /** A reply (type 4) or a deferred reply (type 5): a message of its own, not an update of the clicked one. */
    private static boolean isNewMessage(ResponseBodies response) {
        return response.callbackType() == ResponseEncoder.CHANNEL_MESSAGE_WITH_SOURCE
                || response.callbackType() == ResponseEncoder.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE;
    }

    /**
     * After a component click was acknowledged with a deferred update (type 6, the gateway's guard),
     * {@code @original} is the message carrying the component, not an answer: editing it would put a
     * user's (maybe ephemeral) reply over a message everyone sees. After a public deferral (type 5) an
     * ephemeral answer must not fill the public "thinking…". After our own earlier reply got through,
     * {@code @original} is that reply and editing it again is harmless. One GET tells which.
     */
    private static boolean needsOriginal(InteractionEnvelope envelope, ResponseBodies response) {
        return (isNewMessage(response) && !componentMessageId(envelope).isEmpty()) || isEphemeral(response);
    }

    private static String componentMessageId(InteractionEnvelope envelope) {
        return envelope.kind() == InteractionKind.COMPONENT ? envelope.raw().path("message").path("id").asText("") : "";
    }

    private Original original(InteractionEnvelope envelope) {
        try {
            return new Original(Original.State.READ, rest.getOriginal(envelope.applicationId(), envelope.token()));
        } catch (DiscordApiException e) {
            if (e.isUnknownMessage()) {
                return Original.GONE; // deleted: by an earlier send of this answer, on its way to a follow-up
            }
            expiredOrThrow(envelope, e);
            return Original.EXPIRED;
        }
    }

    /** A reply (type 4) or deferred reply (type 5) only its user may see. */
    private static boolean isEphemeral(ResponseBodies response) {
        return isNewMessage(response)
                && (response.callback().path("data").path("flags").asInt(0) & ResponseEncoder.FLAG_EPHEMERAL) != 0;
    }

    /**
     * An ephemeral answer after someone else's public deferral: the public "thinking…" is deleted first
     * (safe to repeat), then the answer goes out as an ephemeral follow-up, so no one but its user ever
     * sees it. A redelivery finds {@code @original} gone and goes on from there.
     */
    private Responded privately(InteractionEnvelope envelope, ResponseBodies response, Original original,
                                     BeforeFollowUps beforeFollowUps) throws Exception {
        if (!original.gone()) {
            try {
                rest.deleteOriginal(envelope.applicationId(), envelope.token());
            } catch (DiscordApiException e) {
                if (!e.isUnknownMessage() && expiredOrThrow(envelope, e) == Responded.EXPIRED) {
                    return Responded.EXPIRED;
                }
            }
        }
        return followUpInstead(envelope, response, beforeFollowUps);
    }

    /** What {@code @original} was when read: a message, gone (10008), a dead token, or not read at all. */
    private record Original(State state, JsonNode message) {
        enum State { READ, GONE, EXPIRED, UNREAD }

        static final Original UNREAD = new Original(State.UNREAD, null);
        static final Original GONE = new Original(State.GONE, null);
        static final Original EXPIRED = new Original(State.EXPIRED, null);

        boolean gone() {
            return state == State.GONE;
        }

        boolean isMessage(String id) {
            return message != null && !id.isEmpty() && id.equals(message.path("id").asText());
        }

        boolean isPublic() {
            return message != null && (message.path("flags").asInt(0) & ResponseEncoder.FLAG_EPHEMERAL) == 0;
        }
    }

    /** The reply as a follow-up, as visible as the handler meant it; then the answer's own follow-ups. */
    private Responded followUpInstead(InteractionEnvelope envelope, ResponseBodies response,
                                           BeforeFollowUps beforeFollowUps) throws Exception {
        ObjectNode reply = response.callbackMessage();
        if (reply == null && response.original() != null) {
            // a deferred reply's flags (ephemeral) belong to the message its edit would have filled
            reply = response.original().deepCopy();
            JsonNode flags = response.callback().path("data").path("flags");
            if (flags.isInt()) {
                reply.put("flags", flags.asInt());
            }
        }
        List<ObjectNode> messages = new ArrayList<>();
        if (reply != null) {
            messages.add(reply);
        }
        messages.addAll(response.followUps());
        return sendFollowUps(envelope, messages, beforeFollowUps);
    }

    /** @return false when the token is dead */
    private boolean editOriginal(InteractionEnvelope envelope, ObjectNode message) {
        try {
            rest.editOriginal(envelope.applicationId(), envelope.token(), message);
            return true;
        } catch (DiscordApiException e) {
            return expiredOrThrow(envelope, e) != Responded.EXPIRED;
        }
    }

    private static Responded expiredOrThrow(InteractionEnvelope envelope, DiscordApiException e) {
        if (e.isUnknownInteraction() || e.isInvalidWebhookToken()) {
            log.warn("interaction {} can no longer be answered: {}", envelope.interactionId(), e.getMessage());
            return Responded.EXPIRED;
        }
        throw e;
    }

    /** Ephemerality is fixed by the first acknowledgement and cannot be edited. */
    private static ObjectNode withoutFlags(ObjectNode message) {
        ObjectNode edit = message.deepCopy();
        edit.remove("flags");
        return edit;
    }
}
