package io.guildflow.testsupport.load;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.recording.InteractionAnswer;
import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * "Every interaction got exactly one answer", checked the same way in every end-to-end test: one
 * accepted acknowledgement; no extra answer by {@link LoadSummary#extraAnswers}'s rule (an edit repeating what
 * {@code @original} shows counts as one; after a
 * deferral, e.g. the gateway's acknowledgement guard, one refused callback 40060 turned into one edit,
 * or after a deferred update of a clicked message one follow-up, is the designed single answer); no
 * refusal other than 40060; no other follow-up message; the answer as expected. Throws {@link AssertionError} naming the interaction and what happened to it.
 */
public final class AnsweredOnce {
    /** Discord's "interaction has already been acknowledged". */
    private static final int ALREADY_ACKNOWLEDGED = 40060;
    /** Callback type 5: an answer will follow as an edit. */
    private static final int DEFERRED_REPLY = 5;
    /** Callback type 6: the clicked message will be updated (or left as it is). */
    private static final int DEFERRED_UPDATE = 6;

    private AnsweredOnce() {
    }

    /**
     * Waits for each interaction's answer (up to {@code timeout} each), then checks it.
     *
     * @return the records, in the order sent
     */
    public static List<InteractionRecord> await(DiscordEmulator emulator, Collection<DispatchedInteraction> sent,
                                                Duration timeout, Predicate<InteractionRecord> expected) {
        List<InteractionRecord> records = new ArrayList<>(sent.size());
        for (DispatchedInteraction interaction : sent) {
            records.add(check(awaitExpected(emulator, interaction, timeout, expected), expected));
        }
        return records;
    }

    private static InteractionRecord awaitExpected(DiscordEmulator emulator, DispatchedInteraction interaction,
                                                   Duration timeout, Predicate<InteractionRecord> expected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        InteractionRecord record = emulator.awaitResponse(interaction.id(), timeout);
        // After a deferred update the clicked message may change (its own edits) before the answer's follow-up.
        while (!expected.test(record) && System.nanoTime() < deadline) {
            sleep();
            record = emulator.interaction(interaction.id());
        }
        return record;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an answer", e);
        }
    }

    /**
     * Like {@link #await} for a test that kills workers, where an answer can be attempted twice: a worker
     * killed after Discord took (or refused, 40060) its callback but before it recorded the delivery leaves
     * the redelivery to send the same stored answer. A refused callback shows nothing and is not counted (the
     * redelivery of an answer after the guard's deferral, whose killed first try was refused before it could
     * edit, meets one). Everything that shows is checked as strictly as {@link #await}: the redelivery reads
     * {@code @original} before it writes, so an edit repeating what it shows already (or a second edit of a
     * deferral) is a duplicate, and so is a repeated follow-up (recorded as sent before it goes out).
     *
     * @return the records as recorded (repeats included), in the order sent
     */
    public static List<InteractionRecord> awaitAcrossKills(DiscordEmulator emulator,
            Collection<DispatchedInteraction> sent, Duration timeout, Predicate<InteractionRecord> expected) {
        return awaitAcross(emulator, sent, timeout, expected, false);
    }

    /**
     * Like {@link #awaitAcrossKills} for a test that freezes a worker (SIGSTOP) and thaws it: besides the refused
     * callbacks, one identical edit of {@code @original} is not counted. The frozen worker may stop between
     * marking an answer sent and sending it; its peer's redelivery finds nothing on Discord and answers, and the
     * thawed worker, whose lock was taken from it meanwhile, then sends the same answer once more. The user sees
     * nothing new; a killed worker cannot do that.
     */
    public static List<InteractionRecord> awaitAcrossFreezes(DiscordEmulator emulator,
            Collection<DispatchedInteraction> sent, Duration timeout, Predicate<InteractionRecord> expected) {
        return awaitAcross(emulator, sent, timeout, expected, true);
    }

    private static List<InteractionRecord> awaitAcross(DiscordEmulator emulator, Collection<DispatchedInteraction> sent,
            Duration timeout, Predicate<InteractionRecord> expected, boolean thawedRepeat) {
        List<InteractionRecord> records = new ArrayList<>(sent.size());
        for (DispatchedInteraction interaction : sent) {
            InteractionRecord record = awaitExpected(emulator, interaction, timeout, expected);
            require(record.refusals().stream().allMatch(refusal -> refusal.code() == ALREADY_ACKNOWLEDGED),
                    "a callback refused for another reason than 40060", record);
            check(withoutRepeats(record, thawedRepeat), expected);
            records.add(record);
        }
        return records;
    }

    /** The record without the refused callbacks a repeat leaves (and, after a freeze, its one identical edit). */
    private static InteractionRecord withoutRepeats(InteractionRecord r, boolean thawedRepeat) {
        Integer type = r.acknowledgementType();
        if (type == null) {
            return r;
        }
        List<InteractionRecord.Refusal> refusals = r.refusals();
        int edits = r.edits();
        List<InteractionAnswer> answers = r.answers();
        if (thawedRepeat && RepeatedEdits.count(r) == 1) {
            answers = RepeatedEdits.withoutRepeats(answers);
            edits--;
        }
        if (type == DEFERRED_UPDATE || type == DEFERRED_REPLY) {
            // after the guard's deferral each delivery that sends is a refused callback and an edit of @original
            refusals = refusals.subList(0, Math.min(1, refusals.size()));
        } else if (r.callbackData() != null && r.message() != null
                && r.callbackData().path("content").equals(r.message().path("content"))) {
            // answered directly, and nothing changed it since: a redelivery's refused callbacks showed nothing
            refusals = refusals.stream().filter(refusal -> refusal.callbackType() == DEFERRED_UPDATE
                    || refusal.callbackType() == DEFERRED_REPLY).toList();
        }
        return new InteractionRecord(r.id(), r.token(), r.interactionType(), r.name(), r.guildId(), r.channelId(),
                r.userId(), r.shard(), r.dispatchedAt(), r.acknowledgedAt(), r.acknowledgementType(),
                r.acceptedAcknowledgements(), refusals, r.callbackData(), r.message(), edits, r.followUps(),
                r.respondedAt(), answers);
    }

    /**
     * Checks again without waiting, after the test gave a wrong second answer room to show up.
     *
     * @return the records, in the order sent
     */
    public static List<InteractionRecord> recheck(DiscordEmulator emulator, Collection<DispatchedInteraction> sent,
                                                  Predicate<InteractionRecord> expected) {
        List<InteractionRecord> records = new ArrayList<>(sent.size());
        for (DispatchedInteraction interaction : sent) {
            records.add(check(emulator.interaction(interaction.id()), expected));
        }
        return records;
    }

    /** Checks one recorded interaction; returns it for further checks. */
    public static InteractionRecord check(InteractionRecord record, Predicate<InteractionRecord> expected) {
        require(record.acceptedAcknowledgements() == 1, "not acknowledged exactly once", record);
        require(LoadSummary.extraAnswers(record) == 0, "answered more than once", record);
        require(record.refusals().stream().allMatch(refusal -> refusal.code() == ALREADY_ACKNOWLEDGED),
                "a callback refused for another reason than 40060", record);
        require(record.followUps().size() <= (LoadSummary.answeredByFollowUp(record) ? 1 : 0),
                "a follow-up message besides the answer", record);
        require(expected.test(record), "not the expected answer", record);
        return record;
    }

    /** The answer's content starts with {@code prefix}. */
    public static Predicate<InteractionRecord> contentStartingWith(String prefix) {
        return record -> answer(record) != null && answer(record).startsWith(prefix);
    }

    /**
     * What the user was told: the interaction's message, or the follow-up that carried the answer (after a
     * deferred update of a clicked message, which stays as it was, or after a public deferral that an ephemeral
     * answer replaced).
     */
    public static String answer(InteractionRecord record) {
        if (LoadSummary.answeredByFollowUp(record) && !record.followUps().isEmpty()) {
            return record.followUps().get(record.followUps().size() - 1).path("content").asText(null);
        }
        return record.content();
    }

    private static void require(boolean holds, String what, InteractionRecord record) {
        if (!holds) {
            throw new AssertionError("interaction " + record.id() + ": " + what + ": " + record);
        }
    }
}
