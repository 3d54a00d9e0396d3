package dev.rivulet.cli.command;

import dev.rivulet.cli.RivuletConfiguration;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;

/** The configuration a run uses: the class named by {@code --config}, else the one ServiceLoader finds, else the defaults. */
final class Configurations {

    /** The defaults: nothing configured, no implementations. */
    private static final RivuletConfiguration DEFAULTS = new RivuletConfiguration() {};

    private Configurations() {}

    /** {@return whether {@code config} is the defaults, no configuration having been named or found} */
    static boolean isDefault(RivuletConfiguration config) {
        return config == DEFAULTS;
    }

    static RivuletConfiguration load(String className, ClassLoader loader, CommandLine line) {
        if (className != null) {
            return instantiate(className, loader, line);
        }
        try {
            return RivuletConfiguration.fromClassPath(loader).orElse(DEFAULTS);
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(line, e.getMessage() + " with --config");
        }
    }

    private static RivuletConfiguration instantiate(String className, ClassLoader loader, CommandLine line) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new CommandLine.ParameterException(line, "--config class " + className + " is not on the class path; add its jar or "
                    + "classes directory with --class-path", e);
        }
        if (!RivuletConfiguration.class.isAssignableFrom(type)) {
            throw new CommandLine.ParameterException(line, "--config class " + className + " does not implement "
                    + RivuletConfiguration.class.getName());
        }
        try {
            return (RivuletConfiguration) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new CommandLine.ParameterException(line, "--config class " + className + " needs a public constructor without parameters", e);
        } catch (InstantiationException e) {
            throw new CommandLine.ParameterException(line, "--config class " + className + " cannot be made: it is abstract", e);
        } catch (InvocationTargetException e) {
            throw new CommandLine.ExecutionException(line, "--config class " + className + " failed to start: " + e.getCause(), e.getCause());
        }
    }
}
