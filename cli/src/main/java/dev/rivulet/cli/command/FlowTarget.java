package dev.rivulet.cli.command;

import dev.rivulet.Flow;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.cli.RivuletConfiguration;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * The flow {@code rivulet run} was asked for: {@code com.acme.Pipeline#etl}, an interface and one
 * of its {@link Flow} methods, or a class implementing such an interface, which carries out its
 * abstract methods when no configuration gives an implementation.
 *
 * @param flowType the interface that declares the flow method
 * @param method the flow method's name
 * @param implementationClass the class named, if it was a class rather than the interface
 */
record FlowTarget(Class<?> flowType, String method, Class<?> implementationClass) {

    static FlowTarget resolve(String flow, ClassLoader loader, CommandLine line) {
        int hash = flow.indexOf('#');
        String className = hash < 0 ? flow : flow.substring(0, hash);
        String methodName = hash < 0 ? null : flow.substring(hash + 1);
        Class<?> named;
        try {
            named = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CommandLine.ParameterException(line, "flow class " + className + " is not on the class path; add its jar or classes "
                    + "directory with --class-path (or -cp when starting java)", e);
        }
        List<Class<?>> interfaces = named.isInterface() ? List.of(named) : Arrays.asList(named.getInterfaces());
        TreeSet<String> flows = new TreeSet<>();
        for (Class<?> type : interfaces) {
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(Flow.class)) {
                    flows.add(method.getName());
                }
            }
        }
        if (flows.isEmpty()) {
            throw new CommandLine.ParameterException(line, className + " has no @Flow method" + (named.isInterface() ? ""
                    : " in the interfaces it implements") + ": name an interface with one, such as com.acme.Pipeline#etl");
        }
        if (methodName == null) {
            if (flows.size() > 1) {
                throw new CommandLine.ParameterException(line, className + " has " + flows.size() + " flows (" + String.join(", ", flows)
                        + "): name one, as " + className + "#" + flows.first());
            }
            methodName = flows.first();
        } else if (!flows.contains(methodName)) {
            throw new CommandLine.ParameterException(line, className + " has no flow '" + methodName + "'; its flows: " + String.join(", ", flows));
        }
        String wanted = methodName;
        Class<?> flowType = interfaces.stream()
                .filter(type -> Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(wanted) && m.isAnnotationPresent(Flow.class)))
                .findFirst().orElseThrow();
        return new FlowTarget(flowType, methodName, named.isInterface() ? null : named);
    }

    /** A stub of the flow interface on {@code rivulet}, carried out by the configuration's implementation or the class named. */
    Object stub(Rivulet rivulet, RivuletConfiguration config, CommandLine line) {
        Optional<?> given = config.implementation(flowType);
        Object implementation = given.isPresent() ? given.get() : implementationClass == null ? null : instantiate(line);
        if (implementation == null) {
            List<String> abstractMethods = abstractMethods();
            if (!abstractMethods.isEmpty()) {
                throw new CommandLine.ParameterException(line, flowType.getName() + " needs an implementation of " + String.join(", ", abstractMethods)
                        + ": give a RivuletConfiguration (--config CLASS, or one ServiceLoader finds) whose implementation("
                        + flowType.getSimpleName() + ".class) returns one, or name a class that implements it");
            }
            return stubOf(rivulet, flowType, null, line);
        }
        return stubOf(rivulet, flowType, implementation, line);
    }

    @SuppressWarnings("unchecked")
    private static <T> T stubOf(Rivulet rivulet, Class<T> type, Object implementation, CommandLine line) {
        try {
            return implementation == null ? rivulet.stub(type) : rivulet.stub(type, (T) type.cast(implementation));
        } catch (InvalidDefinitionException e) {
            throw new CommandLine.ParameterException(line, e.getMessage(), e);
        } catch (ClassCastException e) {
            throw new CommandLine.ParameterException(line, "the configuration's implementation of " + type.getName() + " is a "
                    + implementation.getClass().getName() + ", which does not implement it", e);
        }
    }

    private Object instantiate(CommandLine line) {
        if (Modifier.isAbstract(implementationClass.getModifiers())) {
            throw new CommandLine.ParameterException(line, implementationClass.getName() + " is abstract: name a class that can be made");
        }
        try {
            return implementationClass.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new CommandLine.ParameterException(line, implementationClass.getName() + " needs a public constructor without parameters, "
                    + "or a RivuletConfiguration that makes it", e);
        } catch (ReflectiveOperationException e) {
            throw new CommandLine.ExecutionException(line, implementationClass.getName() + " failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** The abstract methods of the flow interface that are neither tasks nor flows: what an implementation must carry out. */
    private List<String> abstractMethods() {
        List<String> names = new ArrayList<>();
        for (Method method : flowType.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && !method.isAnnotationPresent(Task.class) && !method.isAnnotationPresent(Flow.class)) {
                names.add(method.getName() + "()");
            }
        }
        return names.stream().sorted().toList();
    }
}
