package dev.rivulet.internal.stub;

import dev.rivulet.Flow;
import dev.rivulet.FlowOptions;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.Task;
import dev.rivulet.TaskOptions;
import dev.rivulet.extension.TaskType;
import dev.rivulet.internal.model.Invoker;
import dev.rivulet.internal.option.FlowOptionTable;
import dev.rivulet.internal.option.TaskOptionTable;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.internal.model.RunNamer;
import dev.rivulet.internal.run.Engine;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Makes stubs: checks an interface's task and flow definitions and builds a model per method. */
public final class Stubs {

    private Stubs() {}

    public static <T> T create(Engine engine, Class<T> type, T implementation) {
        engine.checkOpen(type);
        if (!type.isInterface() || type.isAnnotation()) {
            throw new InvalidDefinitionException("Rivulet stubs are made of interfaces, and " + type.getName()
                    + " is not one: declare the @Task and @Flow methods on an interface and pass an instance of "
                    + type.getSimpleName() + " as its implementation, stub(MyTasks.class, implementation)");
        }
        if (implementation != null && !type.isInstance(implementation)) {
            throw new InvalidDefinitionException("the implementation " + implementation.getClass().getName()
                    + " does not implement " + type.getName());
        }
        checkHiddenAnnotations(type);
        Map<Method, MethodModel> models = new HashMap<>();
        Map<String, Method> names = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            MethodModel model = model(engine, method, implementation);
            if (model.kind() != MethodModel.Kind.PLAIN) {
                Method clash = names.putIfAbsent(model.name(), method);
                if (clash != null && !clash.equals(method)) {
                    throw new InvalidDefinitionException("two tasks or flows of " + type.getName() + " are named '" + model.name()
                            + "': " + describe(clash) + " and " + describe(method) + "; give one of them another name");
                }
            }
            models.put(method, model);
        }
        if (implementation != null) {
            checkImplementationAnnotations(type, implementation.getClass());
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new StubHandler(engine, type, Map.copyOf(models)));
        return type.cast(proxy);
    }

    private static MethodModel model(Engine engine, Method method, Object implementation) {
        Task task = method.getAnnotation(Task.class);
        Flow flow = method.getAnnotation(Flow.class);
        TaskType type = TaskTypes.of(method);
        if (task != null && flow != null) {
            throw new InvalidDefinitionException(describe(method) + " has both @Task and @Flow; choose one");
        }
        if (type != null && flow != null) {
            throw new InvalidDefinitionException(describe(method) + " has both @" + type.annotation().getSimpleName()
                    + " and @Flow; a flow calls it instead");
        }
        if (task != null || flow != null || type != null) {
            for (Class<?> parameter : method.getParameterTypes()) {
                if (dev.rivulet.TaskFuture.class.isAssignableFrom(parameter)) {
                    throw new InvalidDefinitionException(describe(method) + " takes a TaskFuture parameter; declare the value's "
                            + "type instead and pass the future to submit(...), which waits for it and passes its value");
                }
            }
        }
        Method body = bodyMethod(method, implementation);
        Invoker invoker = invoker(method, body, implementation);
        try {
            if (type != null) {
                TaskType.Definition definition = type.define(method, List.of(RunNamer.parameterNames(method)), task == null ? TaskOptions.empty() : TaskOptionTable.read(task));
                engine.checkResultNames(definition.options(), "task " + describe(method));
                return MethodModel.typedTask(method, body, definition.options(), definition.body(), invoker, engine.results());
            }
            if (task != null) {
                TaskOptions options = TaskOptionTable.read(task);
                // Checked even when this task does not persist: a flow's defaults can make it persist.
                engine.checkResultNames(options, "task " + describe(method));
                return MethodModel.task(method, body, options, invoker, engine.results());
            }
            if (flow != null) {
                FlowOptions options = FlowOptionTable.read(flow);
                options.taskRunner().ifPresent(engine::checkRunnerName);
                engine.checkResultNames(options.taskDefaults(), describe(method));
                return MethodModel.flow(method, body, options, invoker);
            }
        } catch (IllegalArgumentException e) {
            String annotation = type != null ? type.annotation().getSimpleName() : task != null ? "Task" : "Flow";
            throw new InvalidDefinitionException("@" + annotation + " on " + describe(method) + ": " + e.getMessage(), e);
        }
        return MethodModel.plain(method, body, invoker);
    }

    private static Invoker invoker(Method method, Method body, Object implementation) {
        if (body != method) {
            return Invoker.implementation(method, implementation);
        }
        if (method.isDefault()) {
            return Invoker.defaultMethod(method);
        }
        throw new InvalidDefinitionException(describe(method) + " is abstract and no implementation was given: make it a default "
                + "method, or pass an implementation with stub(" + method.getDeclaringClass().getSimpleName() + ".class, implementation)");
    }

    /** The method whose code a call runs: the implementation's own, or the interface's default method. */
    private static Method bodyMethod(Method method, Object implementation) {
        if (implementation != null) {
            Method own = implementationMethod(implementation.getClass(), method);
            if (own != null && !own.getDeclaringClass().isInterface()) {
                return own;
            }
        }
        return method;
    }

    private static Method implementationMethod(Class<?> type, Method method) {
        try {
            return type.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** {@code @Task} and {@code @Flow} on static or private interface methods, which no proxy can intercept. */
    private static void checkHiddenAnnotations(Class<?> type) {
        for (Class<?> each : withSuperinterfaces(type)) {
            for (Method method : each.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Task.class) && !method.isAnnotationPresent(Flow.class)) {
                    continue;
                }
                String annotation = method.isAnnotationPresent(Task.class) ? "@Task" : "@Flow";
                if (Modifier.isStatic(method.getModifiers())) {
                    throw new InvalidDefinitionException(annotation + " on static method " + describe(method)
                            + ": static calls cannot be intercepted; make it a default method of the interface");
                }
                if (Modifier.isPrivate(method.getModifiers())) {
                    throw new InvalidDefinitionException(annotation + " on private method " + describe(method)
                            + ": private calls cannot be intercepted; make it a default method of the interface");
                }
            }
        }
    }

    /** Annotations on the implementation's methods that the interface method lacks would silently do nothing. */
    private static void checkImplementationAnnotations(Class<?> type, Class<?> implementationType) {
        for (Class<?> c = implementationType; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                boolean annotated = method.isAnnotationPresent(Task.class) || method.isAnnotationPresent(Flow.class);
                if (!annotated) {
                    continue;
                }
                Method declared = implementationMethod(type, method);
                if (declared == null || !declared.isAnnotationPresent(Task.class) && !declared.isAnnotationPresent(Flow.class)) {
                    throw new InvalidDefinitionException("@Task/@Flow on " + describe(method) + " has no effect: it is a method of the class, "
                            + "and only interface methods are intercepted; annotate the method on " + type.getSimpleName() + " instead");
                }
            }
        }
    }

    private static Set<Class<?>> withSuperinterfaces(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(Set.of(type));
        while (!todo.isEmpty()) {
            Class<?> next = todo.pop();
            if (all.add(next)) {
                todo.addAll(Arrays.asList(next.getInterfaces()));
            }
        }
        return all;
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

}
