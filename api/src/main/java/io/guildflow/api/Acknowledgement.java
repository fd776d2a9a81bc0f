package io.guildflow.api;

/**
 * How the gateway acknowledges a handler's interactions when it has to do so itself: no worker
 * answered in time (a slow, busy or restarting worker), or {@link #atOnce()} asked for it on
 * receipt. Discord fixes a reply's visibility with the first acknowledgement, and after a deferred
 * update a component's reply can only be a follow-up message; so a handler whose answer is a new
 * message says so here, and its answer then always arrives as an edit of the gateway's "thinking…"
 * message, visible exactly as the handler meant it.
 *
 * <table>
 *   <caption>What the gateway sends, and how the handler's answer arrives after it</caption>
 *   <tr><th>declaration</th><th>command, modal</th><th>component</th></tr>
 *   <tr><td>{@link #standard()} (the default)</td><td>public "thinking…"; the answer edits it</td>
 *       <td>deferred update; an {@link Response.Update} edits the clicked message, a reply becomes a
 *       follow-up (sent at most once: Discord cannot de-duplicate follow-ups across a worker crash)</td></tr>
 *   <tr><td>{@link #publicReply()}</td><td>public "thinking…"</td><td>public "thinking…"; the reply edits it</td></tr>
 *   <tr><td>{@link #ephemeralReply()}</td><td colspan="2">"thinking…" only the user sees; the reply edits it</td></tr>
 * </table>
 *
 * @param reply what the handler answers with, as far as the gateway's acknowledgement must know
 * @param atOnce acknowledge on receipt, without waiting for a worker (high-traffic commands and buttons)
 */
public record Acknowledgement(Reply reply, boolean atOnce) {
    /** The kind of answer a handler gives. */
    public enum Reply {
        /** Not declared: commands and modals are deferred publicly, components with a deferred update. */
        UNDECLARED,
        /** A new message everyone in the channel sees. */
        PUBLIC,
        /** A new message only the user who interacted sees. */
        EPHEMERAL
    }

    public Acknowledgement {
        if (reply == null) {
            throw new IllegalArgumentException("reply must be set");
        }
    }

    public static Acknowledgement standard() {
        return new Acknowledgement(Reply.UNDECLARED, false);
    }

    public static Acknowledgement publicReply() {
        return new Acknowledgement(Reply.PUBLIC, false);
    }

    public static Acknowledgement ephemeralReply() {
        return new Acknowledgement(Reply.EPHEMERAL, false);
    }

    /** The same, acknowledged by the gateway the moment the interaction arrives. */
    public Acknowledgement immediately() {
        return new Acknowledgement(reply, true);
    }
}
