package io.guildflow.worker.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.guildflow.worker.handler.CommandHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The bot's commands, by name. {@link #discover()} finds every concrete {@link CommandHandler} in
 * {@value #COMMANDS_PACKAGE} on the classpath, so adding a command is adding one class there: no list
 * to keep in sync, no META-INF/services file. Works from a classes directory (IDE, tests) and from
 * the shaded jar.
 */
public final class CommandCatalog {
    public static final String COMMANDS_PACKAGE = "io.guildflow.worker.commands";

    private final Map<String, CommandHandler> byName;

    private CommandCatalog(List<CommandHandler> handlers) {
        Map<String, CommandHandler> names = new LinkedHashMap<>();
        for (CommandHandler handler : handlers) {
            String name = handler.spec().name();
            CommandHandler previous = names.putIfAbsent(name, handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for /" + name + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName()
                        + "; command names must be unique");
            }
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    public static CommandCatalog of(CommandHandler... handlers) {
        return new CommandCatalog(List.of(handlers));
    }

    public static CommandCatalog discover() {
        return discover(COMMANDS_PACKAGE, CommandCatalog.class.getClassLoader());
    }

    public static CommandCatalog discover(String packageName, ClassLoader loader) {
        List<CommandHandler> handlers = new ArrayList<>();
        for (String className : classNames(packageName, loader)) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + className + ": " + e, e);
            }
            if (!CommandHandler.class.isAssignableFrom(type) || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            handlers.add(instantiate(type.asSubclass(CommandHandler.class)));
        }
        return new CommandCatalog(handlers);
    }

    private static CommandHandler instantiate(Class<? extends CommandHandler> type) {
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalStateException("command handler " + type.getName() + " must be public");
        }
        try {
            Constructor<? extends CommandHandler> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("command handler " + type.getName()
                    + " needs a public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("command handler " + type.getName() + " failed to construct: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate command handler " + type.getName() + ": " + e, e);
        }
    }

    /** Top-level class names directly in the package (not sub-packages, not nested classes). */
    static TreeSet<String> classNames(String packageName, ClassLoader loader) {
        String path = packageName.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                names.addAll(classNamesAt(roots.nextElement(), packageName));
            }
            // Jars built without directory entries return no resource for the package itself;
            // our own code source is where commands live in the shaded jar, so look there too.
            URL ownLocation = CommandCatalog.class.getProtectionDomain().getCodeSource() == null ? null
                    : CommandCatalog.class.getProtectionDomain().getCodeSource().getLocation();
            if (ownLocation != null && loader == CommandCatalog.class.getClassLoader()) {
                Path own = Path.of(ownLocation.toURI());
                if (Files.isRegularFile(own)) {
                    names.addAll(classNamesInJar(own, path, packageName));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + packageName + " for command handlers", e);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot scan " + packageName + " for command handlers: " + e, e);
        }
        return names;
    }

    static List<String> classNamesAt(URL root, String packageName) throws IOException, URISyntaxException {
        String path = packageName.replace('.', '/');
        switch (root.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                    return files.map(f -> f.getFileName().toString())
                            .filter(CommandCatalog::isTopLevelClass)
                            .map(f -> packageName + "." + f.substring(0, f.length() - ".class".length()))
                            .toList();
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                URL jar = connection.getJarFileURL();
                return classNamesInJar(Path.of(jar.toURI()), path, packageName);
            }
            default -> throw new IllegalStateException("cannot scan " + root.getProtocol() + ": URL " + root
                    + " for command handlers; run from a directory or a jar");
        }
    }

    private static List<String> classNamesInJar(Path jarPath, String path, String packageName) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (!entry.startsWith(path + "/")) {
                    continue;
                }
                String file = entry.substring(path.length() + 1);
                if (!file.contains("/") && isTopLevelClass(file)) {
                    names.add(packageName + "." + file.substring(0, file.length() - ".class".length()));
                }
            }
        }
        return names;
    }

    private static boolean isTopLevelClass(String fileName) {
        return fileName.endsWith(".class") && !fileName.contains("$")
                && !fileName.equals("package-info.class") && !fileName.equals("module-info.class");
    }

    public Optional<CommandHandler> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<CommandHandler> handlers() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The body of {@code PUT /applications/{application.id}/commands} (bulk overwrite). */
    public ArrayNode toDiscordJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        byName.values().forEach(h -> array.add(h.spec().toDiscordJson()));
        return array;
    }
}
