package io.guildflow.devtools.drift;

import io.guildflow.devtools.drift.DocumentedVariables.Named;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime's one access to the environment, {@code common/config/EnvironmentValues}, seen by reflection so that
 * neither its package-private shape nor where its callers live (one {@code from(EnvironmentValues)} per settings
 * record, in whichever module owns it) is written into the drift check by hand.
 */
final class ConfigurationReader {
    static final String CLASS_NAME = "io.guildflow.common.config.EnvironmentValues";
    static final String SIMPLE_NAME = "EnvironmentValues";

    private ConfigurationReader() {
    }

    static Class<?> type() {
        try {
            return Class.forName(CLASS_NAME);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(CLASS_NAME + " is gone: point the drift check at the class every setting is read"
                    + " through", e);
        }
    }

    /** The reader's methods that take a variable's name first: the calls the source scan recognises as reads. */
    static Set<String> readMethods() {
        Set<String> methods = new TreeSet<>();
        for (Method method : type().getDeclaredMethods()) {
            if (method.getParameterCount() > 0 && method.getParameterTypes()[0] == String.class && !method.isSynthetic()) {
                methods.add(method.getName());
            }
        }
        if (methods.size() < 3) {
            throw new AssertionError(CLASS_NAME + " has only " + methods + " taking a variable's name: the scan would be blind");
        }
        return methods;
    }

    /**
     * What each static method of these classes that takes the reader (or is a {@code fromEnvironment(Map)}) asks an
     * empty environment for, run for real: the names a source scan could miss (a computed name, a constant it cannot
     * resolve). A method that stops at a missing required value has asked for what it asked until then.
     */
    static List<Named> askedAtRunTime(List<String> classNames) {
        List<Named> asked = new ArrayList<>();
        for (String className : classNames) {
            Class<?> type;
            try {
                type = Class.forName(className, false, ConfigurationReader.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new AssertionError("cannot load " + className + " to see what it reads: " + e, e);
            }
            for (Method method : VariableReads.staticMethods(type)) {
                if (takesReader(method) || isFromEnvironment(method)) {
                    String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
                    record(method, where).forEach(name -> asked.add(new Named(name, where + " (run on an empty environment)")));
                }
            }
        }
        return asked;
    }

    private static boolean takesReader(Method method) {
        return Arrays.asList(method.getParameterTypes()).contains(type());
    }

    private static boolean isFromEnvironment(Method method) {
        return method.getName().equals("fromEnvironment") && method.getParameterCount() == 1
                && method.getParameterTypes()[0] == Map.class;
    }

    private static Set<String> record(Method method, String where) {
        Set<String> asked = new TreeSet<>();
        Map<String, String> empty = new AbstractMap<>() {
            @Override
            public String get(Object key) {
                asked.add((String) key);
                return null;
            }

            @Override
            public Set<Map.Entry<String, String>> entrySet() {
                return Set.of();
            }
        };
        Object[] arguments = new Object[method.getParameterCount()];
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = parameters[i] == type() ? reader(empty) : parameters[i] == Map.class ? empty
                    : parameters[i].isPrimitive() ? zero(parameters[i]) : null;
        }
        try {
            method.setAccessible(true);
            method.invoke(null, arguments);
        } catch (InvocationTargetException stoppedAtARequiredValue) {
            // what it asked for before stopping is recorded
        } catch (IllegalAccessException | RuntimeException e) {
            throw new AssertionError("cannot run " + where + " to see what it reads: " + e, e);
        }
        return asked;
    }

    private static Object reader(Map<String, String> environment) {
        try {
            for (Constructor<?> constructor : type().getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Map.class) {
                    constructor.setAccessible(true);
                    return constructor.newInstance(environment);
                }
            }
            for (Method factory : type().getDeclaredMethods()) {
                if (Modifier.isStatic(factory.getModifiers()) && factory.getReturnType() == type()
                        && factory.getParameterCount() == 1 && factory.getParameterTypes()[0] == Map.class) {
                    factory.setAccessible(true);
                    return factory.invoke(null, environment);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make a " + SIMPLE_NAME + " over a recording environment: " + e, e);
        }
        throw new AssertionError(SIMPLE_NAME + " can no longer be made from a Map: teach the drift check how to make one");
    }

    private static Object zero(Class<?> primitive) {
        return primitive == boolean.class ? false : primitive == char.class ? '\0' : primitive == long.class ? 0L
                : primitive == double.class ? 0.0 : primitive == float.class ? 0f : primitive == byte.class ? (byte) 0
                : primitive == short.class ? (short) 0 : 0;
    }
}
