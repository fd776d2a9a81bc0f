package io.guildflow.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.guildflow.testkit.bot.AllowUnrouted;
import io.guildflow.testkit.bot.GuildflowBotExtension;
import io.guildflow.testkit.bot.TestBot;
import io.guildflow.testkit.recording.InteractionRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The bot extension fails a test whose interaction no handler claims (a typo in a name or prefix is
 * otherwise only the fallback answer, easy to miss), unless the test says it tests the fallback.
 */
class UnroutedInteractionTest {

    /** Run only through the launcher below (surefire skips nested classes). */
    @ExtendWith(GuildflowBotExtension.class)
    static class ClicksAButtonNobodyServes {
        @Test
        void clicks(TestBot bot) {
            bot.button("colour:blue");
        }
    }

    @Test
    void anUnroutedInteractionFailsTheTestNamingItAndTheRegisteredOnes() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ClicksAButtonNobodyServes.class)).build(), listener);
        List<TestExecutionSummary.Failure> failures = listener.getSummary().getFailures();
        assertEquals(1, failures.size(), "the sample test fails");
        String message = failures.get(0).getException().getMessage();
        assertTrue(message.startsWith("no handler claimed component custom_id prefix 'colour' (registered: "), message);
        assertTrue(message.contains("like"), "names the registered prefixes: " + message);
        assertTrue(message.contains("@AllowUnrouted"), message);
    }

    @Test
    @ExtendWith(GuildflowBotExtension.class)
    @AllowUnrouted
    void aTestOfTheFallbackAllowsIt(TestBot bot) {
        InteractionRecord click = bot.button("colour:blue");
        assertEquals("This button or menu is no longer handled.", click.content());
    }
}
