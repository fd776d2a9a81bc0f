package io.guildflow.testsupport.load;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.DispatchedInteraction;
import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * "Every interaction got exactly one answer", checked the same way in every end-to-end test: one
 * accepted acknowledgement; no extra answer by {@link LoadSummary#extraAnswers}'s rule (after a
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
     * the redelivery to send the same stored answer again. What that repeat costs the user is nothing: a
     * refused callback shows nothing, and the fallback edit of {@code @original} (also after the guard's
     * deferral) shows the same content. Those are not counted. A follow-up (Discord has no idempotency key for those) must not repeat: the worker
     * records its delivery before sending one. Anything else is checked as strictly as {@link #await}.
     *
     * @return the records as recorded (repeats included), in the order sent
     */
    public static List<InteractionRecord> awaitAcrossKills(DiscordEmulator emulator,
            Collection<DispatchedInteraction> sent, Duration timeout, Predicate<InteractionRecord> expected) {
        List<InteractionRecord> records = new ArrayList<>(sent.size());
        for (DispatchedInteraction interaction : sent) {
            InteractionRecord record = awaitExpected(emulator, interaction, timeout, expected);
            require(record.refusals().stream().allMatch(refusal -> refusal.code() == ALREADY_ACKNOWLEDGED),
                    "a callback refused for another reason than 40060", record);
            check(withoutRepeatsAfterKills(record), expected);
            records.add(record);
        }
        return records;
    }

    private static InteractionRecord withoutRepeatsAfterKills(InteractionRecord r) {
        Integer type = r.acknowledgementType();
        if (type == null) {
            return r;
        }
        boolean deferred = type == DEFERRED_UPDATE || type == DEFERRED_REPLY;
        List<InteractionRecord.Refusal> refusals = r.refusals();
        int edits = r.edits();
        if (deferred) {
            // after the guard's deferral each delivery is a refused callback and an edit of @original with the
            // answer stored in the ledger: a killed or frozen worker's repeat is that same edit again
            refusals = refusals.subList(0, Math.min(1, refusals.size()));
            edits = Math.min(edits, 1);
        } else if (r.callbackData() != null && r.message() != null
                && r.callbackData().path("content").equals(r.message().path("content"))) {
            // answered directly; a redelivery's refused callbacks and same-content edits of it showed nothing new
            refusals = refusals.stream().filter(refusal -> refusal.callbackType() == DEFERRED_UPDATE
                    || refusal.callbackType() == DEFERRED_REPLY).toList();
            edits = 0;
        }
        return new InteractionRecord(r.id(), r.token(), r.interactionType(), r.name(), r.guildId(), r.channelId(),
                r.userId(), r.shard(), r.dispatchedAt(), r.acknowledgedAt(), r.acknowledgementType(),
                r.acceptedAcknowledgements(), refusals, r.callbackData(), r.message(), edits, r.followUps(),
                r.respondedAt(), r.answers());
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
