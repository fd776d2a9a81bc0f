package io.guildflow.testkit;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: injects a started {@link DiscordEmulator} (fresh per test, on a free port) into test and
 * lifecycle method parameters and stops it after the test.
 *
 * <pre>{@code
 * @ExtendWith(DiscordEmulatorExtension.class)
 * class MyTest { @Test void t(DiscordEmulator emu) { ... } }
 *
 * @RegisterExtension
 * static DiscordEmulatorExtension discord = new DiscordEmulatorExtension(b -> b.guilds(2).shards(2));
 * }</pre>
 */
public final class DiscordEmulatorExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DiscordEmulatorExtension.class);
    private static final String KEY = "emulator";

    private final Consumer<DiscordEmulatorBuilder> customizer;

    public DiscordEmulatorExtension() {
        this(b -> {});
    }

    public DiscordEmulatorExtension(Consumer<DiscordEmulatorBuilder> customizer) {
        this.customizer = customizer;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DiscordEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException(
                    "DiscordEmulator is created per test; inject it into @Test/@BeforeEach/@AfterEach methods");
        }
        return store(context).getOrComputeIfAbsent(KEY, k -> {
            DiscordEmulatorBuilder b = DiscordEmulator.builder();
            customizer.accept(b);
            return b.build().start();
        }, DiscordEmulator.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        DiscordEmulator emu = store(context).remove(KEY, DiscordEmulator.class);
        if (emu != null) {
            emu.close();
        }
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }
}
