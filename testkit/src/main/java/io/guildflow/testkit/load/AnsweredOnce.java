package io.guildflow.testkit.load;

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
            records.add(check(emulator.awaitResponse(interaction.id(), timeout), expected));
        }
        return records;
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
        require(record.followUps().size() <= (isDeferredUpdate(record) ? 1 : 0),
                "a follow-up message besides the answer", record);
        require(expected.test(record), "not the expected answer", record);
        return record;
    }

    /** The answer's content starts with {@code prefix}. */
    public static Predicate<InteractionRecord> contentStartingWith(String prefix) {
        return record -> answer(record) != null && answer(record).startsWith(prefix);
    }

    /**
     * What the user was told: the interaction's message, or after a deferred update of a clicked message
     * (which stays as it was) the follow-up that carried the answer.
     */
    public static String answer(InteractionRecord record) {
        if (isDeferredUpdate(record) && !record.followUps().isEmpty()) {
            return record.followUps().get(record.followUps().size() - 1).path("content").asText(null);
        }
        return record.content();
    }

    private static boolean isDeferredUpdate(InteractionRecord record) {
        return Integer.valueOf(DEFERRED_UPDATE).equals(record.acknowledgementType());
    }

    private static void require(boolean holds, String what, InteractionRecord record) {
        if (!holds) {
            throw new AssertionError("interaction " + Long.toUnsignedString(record.id()) + ": " + what + ": " + record);
        }
    }
}
