package io.guildflow.testkit.bot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test (method or class) of {@link GuildflowBotExtension} send interactions no handler claims,
 * to test the runtime's fallback answer. Without it such an interaction fails the test: in a bot's own
 * tests it is almost always a typo in a command name or custom_id prefix, or a handler not listed in
 * {@code META-INF/services}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowUnrouted {
}
