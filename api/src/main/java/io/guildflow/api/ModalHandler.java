package io.guildflow.api;

/** Submissions of modals whose custom_id is {@code prefix} or starts with {@code prefix:}. */
public non-sealed interface ModalHandler extends InteractionHandler {

    /** 1-50 letters, digits, '.', '-' or '_'. */
    String prefix();

    Response handle(ModalContext context) throws Exception;
}
