package io.guildflow.testsupport.load;

import io.guildflow.testkit.DiscordEmulator;
import io.guildflow.testkit.recording.InteractionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * What happened to a batch of interactions, computed from the emulator's recording.
 *
 * @param sent interactions in the batch
 * @param answered interactions with an accepted acknowledgement
 * @param answeredWithin3s accepted acknowledgement no later than 3 s after dispatch (always equal to answered on
 *     the emulator, which refuses late callbacks; kept for clarity)
 * @param late interactions that got at least one 10062 refusal (callback after the 3 s deadline)
 * @param duplicates interactions answered more than once: a second acknowledgement (accepted, or refused with
 *     40060) after an answer, an edit of {@code @original} that repeats what it shows (the same answer sent
 *     again), or more than one edit of a deferred response. After a deferral (type 5 or 6, e.g. a
 *     gateway's acknowledgement guard standing in), one refused answer followed by one edit (or, after a
 *     deferred update of a clicked message, one follow-up) is the designed way to answer once and is not counted;
 *     nor is a deferral refused with 40060 (it shows the user nothing: a guard's stand-in that lost the race to
 *     the worker's answer)
 * @param duplicateAttempts those extra answers, added up
 * @param p50 median dispatch to first accepted acknowledgement (emulator clock), null if nothing was answered
 * @param p99 99th percentile of the same
 */
public record LoadSummary(
        int sent,
        int answered,
        int answeredWithin3s,
        int late,
        int duplicates,
        int duplicateAttempts,
        Duration p50,
        Duration p99,
        Duration max) {

    public static LoadSummary of(DiscordEmulator emulator, Collection<String> interactionIds) {
        List<InteractionRecord> records = new ArrayList<>(interactionIds.size());
        for (String id : interactionIds) {
            try {
                records.add(emulator.interaction(id));
            } catch (NoSuchElementException e) {
                throw new IllegalArgumentException("interaction " + id + " was not dispatched by this emulator", e);
            }
        }
        return of(records);
    }

    public static LoadSummary of(List<InteractionRecord> records) {
        int answered = 0;
        int within = 0;
        int late = 0;
        int duplicates = 0;
        int duplicateAttempts = 0;
        List<Long> latencies = new ArrayList<>();
        for (InteractionRecord r : records) {
            if (r.acknowledged()) {
                answered++;
                Duration latency = r.acknowledgementLatency();
                latencies.add(latency.toNanos());
                if (latency.compareTo(Duration.ofSeconds(3)) <= 0) {
                    within++;
                }
            }
            if (r.refusals().stream().anyMatch(x -> x.code() == 10062)) {
                late++;
            }
            int extra = extraAnswers(r);
            if (extra > 0) {
                duplicates++;
                duplicateAttempts += extra;
            }
        }
        latencies.sort(null);
        return new LoadSummary(records.size(), answered, within, late, duplicates, duplicateAttempts,
                percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.isEmpty() ? null : Duration.ofNanos(latencies.get(latencies.size() - 1)));
    }

    /**
     * Every interaction of {@code records} answered more than once, by the rule above, grouped by what the emulator
     * recorded for it ({@link #callbackPattern}): tells which component answered twice.
     */
    public static Map<String, List<InteractionRecord>> duplicatePatterns(List<InteractionRecord> records) {
        Map<String, List<InteractionRecord>> patterns = new TreeMap<>();
        for (InteractionRecord r : records) {
            if (extraAnswers(r) > 0) {
                patterns.computeIfAbsent(callbackPattern(r), k -> new ArrayList<>()).add(r);
            }
        }
        return patterns;
    }

    /** When each answer of one interaction reached the emulator, in ms after its dispatch. */
    public static String callbackTimes(InteractionRecord r) {
        StringBuilder times = new StringBuilder("id ").append(r.id());
        if (r.acknowledgedAt() != null) {
            times.append("; accepted ").append(r.acknowledgementType()).append(" at ")
                    .append(Duration.between(r.dispatchedAt(), r.acknowledgedAt()).toMillis()).append(" ms");
        }
        for (InteractionRecord.Refusal refusal : r.refusals()) {
            times.append("; refused ").append(refusal.callbackType()).append('/').append(refusal.code()).append(" at ")
                    .append(Duration.between(r.dispatchedAt(), refusal.at()).toMillis()).append(" ms");
        }
        if (r.respondedAt() != null) {
            times.append("; first visible answer at ").append(Duration.between(r.dispatchedAt(), r.respondedAt()).toMillis())
                    .append(" ms");
        }
        return times.toString();
    }

    /**
     * What Discord saw of one interaction's answers, in a stable form: {@code accepted 4 (x1); refused 5/40060;
     * edits 0} is an answer followed by a deferral that came too late.
     */
    public static String callbackPattern(InteractionRecord r) {
        StringBuilder pattern = new StringBuilder("accepted ")
                .append(r.acknowledgementType() == null ? "none" : r.acknowledgementType().toString())
                .append(" (x").append(r.acceptedAcknowledgements()).append("); refused");
        if (r.refusals().isEmpty()) {
            pattern.append(" none");
        }
        for (InteractionRecord.Refusal refusal : r.refusals()) {
            pattern.append(' ').append(refusal.callbackType()).append('/').append(refusal.code());
        }
        pattern.append("; edits ").append(r.edits());
        int repeated = RepeatedEdits.count(r);
        return (repeated == 0 ? pattern : pattern.append(" (").append(repeated).append(" repeating it)")).toString();
    }

    /**
     * Answers beyond the one the user must see: the duplicate rule every test and benchmark shares (see
     * {@link AnsweredOnce}). Zero for an interaction answered exactly once, or not at all.
     */
    public static int extraAnswers(InteractionRecord r) {
        // A refused deferral (type 5 or 6) showed nothing: it is a stand-in that lost the race to the answer (a
        // gateway's acknowledgement guard firing while the worker's answer was on its way), not a second answer.
        int refusedAsAcknowledged = (int) r.refusals().stream()
                .filter(x -> x.code() == 40060 && !isDeferral(x.callbackType())).count();
        int extraAcknowledgements = Math.max(0, r.acceptedAcknowledgements() - 1);
        if (isDeferral(r.acknowledgementType())) {
            // A deferral promises one later answer, which arrives as a refused callback turned into an edit of
            // @original, or as the edit alone: only answers beyond that one are extra.
            int answers = Math.max(refusedAsAcknowledged, r.edits() + answersAsFollowUps(r));
            return Math.max(0, answers - 1) + extraAcknowledgements;
        }
        // an edit after a direct answer may be the bot's own; one that changes nothing is that answer again
        return refusedAsAcknowledged + extraAcknowledgements + RepeatedEdits.count(r);
    }

    private static int answersAsFollowUps(InteractionRecord r) {
        return answeredByFollowUp(r) ? r.followUps().size() : 0;
    }

    /**
     * Whether the answer came as a follow-up, each follow-up counting as an answer: after a deferred update
     * (type 6) the clicked message is not the answer's to overwrite; after a public deferred reply (type 5) whose
     * answer is ephemeral, the deferral is deleted and the answer follows privately.
     */
    public static boolean answeredByFollowUp(InteractionRecord r) {
        Integer type = r.acknowledgementType();
        return Integer.valueOf(6).equals(type) || Integer.valueOf(5).equals(type) && r.message() == null;
    }

    private static boolean isDeferral(Integer callbackType) {
        return callbackType != null && (callbackType == 5 || callbackType == 6);
    }

    private static Duration percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return Duration.ofNanos(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "sent=%d answered=%d answeredWithin3s=%d late=%d duplicates=%d (attempts %d) p50=%s p99=%s max=%s",
                sent, answered, answeredWithin3s, late, duplicates, duplicateAttempts, ms(p50), ms(p99), ms(max));
    }

    private static String ms(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1fms", d.toNanos() / 1e6);
    }
}
