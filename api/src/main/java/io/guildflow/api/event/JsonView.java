package io.guildflow.api.event;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A read-only look at one JSON object of Discord's payload, read lazily: a field that is missing, null or of
 * another type than asked reads as empty, never as an error, so a field Discord adds, drops or changes never breaks
 * a handler. The typed event views read through it; {@link RawEventHandler}s use it directly.
 */
public interface JsonView {

    /** A string field. */
    Optional<String> string(String field);

    /** A Discord id: a string (or number) of digits. */
    Optional<String> snowflake(String field);

    Optional<Boolean> bool(String field);

    /** A whole number. */
    OptionalLong number(String field);

    /** A nested object; an empty view when the field is missing or not an object. */
    JsonView object(String field);

    /** An array of objects; empty when missing. Elements that are not objects are skipped. */
    List<JsonView> objects(String field);

    /** An array of strings or ids; empty when missing. Elements that are neither are skipped. */
    List<String> strings(String field);

    /** Whether the field is present, even as {@code null}. */
    boolean has(String field);

    /** This object as JSON text, exactly the fields Discord sent ({@code {}} for an empty view). */
    String json();
}
