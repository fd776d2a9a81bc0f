package io.guildflow.devtools.e2e;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One guild's 100 gateway events for the events acceptance test, in the order its members cause them: 40 messages
 * by eight members, 15 of them edited and 10 deleted (eight after their edit, two never edited), and 35 reactions —
 * ⭐ on four messages (two end above the starboard threshold of 3, one crosses it and falls back to 1, one never
 * reaches it) and 👍 on thirteen others. Indices are the guild's message numbers and member numbers.
 */
final class EventTrafficPlan {
    static final int EVENTS_PER_GUILD = 100;
    static final int MESSAGES = 40;
    /** Members who write; member 9 only reacts, so its first message can serve as a barrier. */
    static final int AUTHORS = 8;
    static final int BARRIER_AUTHOR = 9;

    enum Kind { CREATE, EDIT, DELETE, STAR, UNSTAR, THUMB }

    /** {@code member} is the author of a CREATE and the reacting member of a reaction. */
    record Step(Kind kind, int message, int member) {
    }

    /** The ⭐ targets and the stars each shows at the end (0: never posted). */
    static final int[] STARRED = {10, 11, 12, 13};
    static final int[] FINAL_STARS = {4, 3, 2, 1};
    static final boolean[] POSTED = {true, true, false, true};

    private EventTrafficPlan() {
    }

    static List<Step> steps() {
        List<Deque<Step>> reactions = List.of(
                queue(Kind.STAR, 10, 0, 1, 2, 3, 4, 5).then(Kind.UNSTAR, 10, 1, 3),
                queue(Kind.STAR, 11, 0, 1, 2, 3).then(Kind.UNSTAR, 11, 2),
                queue(Kind.STAR, 12, 4, 5),
                queue(Kind.STAR, 13, 6, 7, 8, 9).then(Kind.UNSTAR, 13, 6, 7, 8),
                thumbs());
        List<Step> steps = new ArrayList<>();
        int reactionsSent = 0;
        int queue = 0;
        for (int i = 0; i < MESSAGES; i++) {
            steps.add(new Step(Kind.CREATE, i, i % AUTHORS));
            if (i >= 2 && i - 2 < 15) {
                steps.add(new Step(Kind.EDIT, i - 2, -1));
            }
            if (i >= 5 && i - 5 < 8) {
                steps.add(new Step(Kind.DELETE, i - 5, -1));
            }
            if (i == 23 || i == 24) {
                steps.add(new Step(Kind.DELETE, i - 3, -1)); // messages 20 and 21: deleted, never edited
            }
            // reactions spread over the rest of the messages, the queues in turn, each in its own order
            int due = i < 14 ? 0 : (i - 13) * 35 / 26;
            while (reactionsSent < due) {
                Deque<Step> next = reactions.get(queue++ % reactions.size());
                if (!next.isEmpty()) {
                    steps.add(next.poll());
                    reactionsSent++;
                }
            }
        }
        check(steps);
        return steps;
    }

    /** Discord refuses a reaction to or an edit of a message not (or no longer) there: so does the plan. */
    private static void check(List<Step> steps) {
        java.util.Set<Integer> there = new java.util.HashSet<>();
        for (Step step : steps) {
            boolean ok = step.kind() == Kind.CREATE ? there.add(step.message())
                    : step.kind() == Kind.DELETE ? there.remove(step.message()) : there.contains(step.message());
            if (!ok) {
                throw new IllegalStateException("the plan's " + step + " has no message to act on: " + steps);
            }
        }
        if (steps.size() != EVENTS_PER_GUILD) {
            throw new IllegalStateException("the plan has " + steps.size() + " events: " + steps);
        }
    }

    /** The message's events in the order sent: what its message log must show. */
    static List<String> actions(int message) {
        List<String> actions = new ArrayList<>();
        for (Step step : steps()) {
            if (step.message() == message && step.kind().ordinal() <= Kind.DELETE.ordinal()) {
                actions.add(step.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return actions;
    }

    private static Steps queue(Kind kind, int message, int... members) {
        return new Steps().then(kind, message, members);
    }

    private static Deque<Step> thumbs() {
        Deque<Step> thumbs = new ArrayDeque<>();
        for (int message = 14; message < 29; message++) {
            if (message != 20 && message != 21) { // deleted by then
                thumbs.add(new Step(Kind.THUMB, message, BARRIER_AUTHOR));
            }
        }
        return thumbs;
    }

    /** A queue of reactions built in order. */
    private static final class Steps extends ArrayDeque<Step> {
        Steps then(Kind kind, int message, int... members) {
            for (int member : members) {
                add(new Step(kind, message, member));
            }
            return this;
        }
    }
}
