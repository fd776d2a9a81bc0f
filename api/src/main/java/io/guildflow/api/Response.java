package io.guildflow.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Every answer a handler can give, as one immutable value. Guildflow turns it into Discord's
 * interaction callback (and, where needed, an edit of the original response and follow-up
 * messages), stores that with the "handled" record, and sends exactly the same on every redelivery.
 *
 * <ul>
 *   <li>{@link Reply}: a new message (callback type 4).</li>
 *   <li>{@link Update}: replaces the message the clicked component sits on (type 7; components and modals from a message).</li>
 *   <li>{@link DeferredReply}: "thinking…" (type 5), then {@code original} as an edit of it.</li>
 *   <li>{@link DeferredUpdate}: acknowledges a component without a visible change (type 6), then {@code original} if set.</li>
 *   <li>{@link ShowModal}: opens a form (type 9).</li>
 *   <li>{@link Choices}: autocomplete suggestions (type 8).</li>
 * </ul>
 * Messages answers may carry up to 5 follow-ups, sent after the callback.
 */
public sealed interface Response {

    static Reply reply(String content) {
        return new Reply(Message.text(content), List.of());
    }

    static Reply reply(Message message) {
        return new Reply(message, List.of());
    }

    /** Text only the invoking user sees. */
    static Reply ephemeral(String content) {
        return new Reply(Message.text(content).asEphemeral(), List.of());
    }

    static Update update(Message message) {
        return new Update(message, List.of());
    }

    /** "Thinking…" now, replaced by {@code original}. */
    static DeferredReply defer(boolean ephemeral, Message original) {
        return new DeferredReply(ephemeral, original, List.of());
    }

    /** Acknowledges a component click without changing its message. */
    static DeferredUpdate deferUpdate() {
        return new DeferredUpdate(null, List.of());
    }

    /** Acknowledges a component click now, then gives its message this new state. */
    static DeferredUpdate deferUpdate(Message original) {
        return new DeferredUpdate(original, List.of());
    }

    static ShowModal modal(Modal modal) {
        return new ShowModal(modal);
    }

    static Choices choices(List<Choice> choices) {
        return new Choices(choices);
    }

    static Choices choices(Choice... choices) {
        return new Choices(List.of(choices));
    }

    /** Answers that may carry follow-up messages. */
    sealed interface WithFollowUps extends Response {
        List<Message> followUps();

        /** A copy with one more follow-up. */
        WithFollowUps andFollowUp(Message message);
    }

    record Reply(Message message, List<Message> followUps) implements WithFollowUps {
        public Reply {
            DiscordLimits.require(message != null, "a reply needs a message");
            followUps = checkFollowUps(followUps);
        }

        @Override
        public Reply andFollowUp(Message next) {
            return new Reply(message, plus(followUps, next));
        }
    }

    record Update(Message message, List<Message> followUps) implements WithFollowUps {
        public Update {
            DiscordLimits.require(message != null, "an update needs the message's new state");
            followUps = checkFollowUps(followUps);
        }

        @Override
        public Update andFollowUp(Message next) {
            return new Update(message, plus(followUps, next));
        }
    }

    /**
     * @param original what replaces "thinking…"; null leaves it to the follow-ups (or, for the
     *                 gateway's own stand-in deferral, to the worker's answer)
     */
    record DeferredReply(boolean ephemeral, Message original, List<Message> followUps) implements WithFollowUps {
        public DeferredReply {
            followUps = checkFollowUps(followUps);
        }

        @Override
        public DeferredReply andFollowUp(Message next) {
            return new DeferredReply(ephemeral, original, plus(followUps, next));
        }
    }

    /** @param original the component's message's new state, or null to leave it as it is */
    record DeferredUpdate(Message original, List<Message> followUps) implements WithFollowUps {
        public DeferredUpdate {
            followUps = checkFollowUps(followUps);
        }

        @Override
        public DeferredUpdate andFollowUp(Message next) {
            return new DeferredUpdate(original, plus(followUps, next));
        }
    }

    record ShowModal(Modal modal) implements Response {
        public ShowModal {
            DiscordLimits.require(modal != null, "a modal response needs the modal");
        }
    }

    record Choices(List<Choice> choices) implements Response {
        public Choices {
            choices = List.copyOf(choices);
            DiscordLimits.requireCount("autocomplete choices", choices, 0, DiscordLimits.CHOICES);
        }
    }

    private static List<Message> checkFollowUps(List<Message> followUps) {
        return DiscordLimits.requireCount("follow-ups", List.copyOf(followUps), 0, DiscordLimits.FOLLOW_UPS);
    }

    private static List<Message> plus(List<Message> followUps, Message next) {
        DiscordLimits.require(next != null, "a follow-up needs a message");
        List<Message> more = new ArrayList<>(followUps);
        more.add(next);
        return more;
    }
}
