package dev.rivulet.internal.stub;

import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.extension.TaskType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.ServiceLoader;

/** The {@link TaskType}s on the class path or module path, found once. */
final class TaskTypes {

    private static final List<TaskType> TYPES = ServiceLoader.load(TaskType.class, TaskTypes.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get).toList();

    private TaskTypes() {}

    /** The task type whose annotation {@code method} carries; null if none does. */
    static TaskType of(Method method) {
        TaskType found = null;
        for (TaskType type : TYPES) {
            if (method.isAnnotationPresent(type.annotation())) {
                if (found != null) {
                    throw new InvalidDefinitionException(Stubs.describe(method) + " has both @" + found.annotation().getSimpleName()
                            + " and @" + type.annotation().getSimpleName() + "; choose one");
                }
                found = type;
            }
        }
        return found;
    }
}
