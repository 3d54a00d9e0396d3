package dev.rivulet.extension;

import dev.rivulet.TaskOptions;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A kind of task another module defines: methods of a task interface carrying {@link
 * #annotation()} are tasks whose calls run through the body {@link #define} gives. Implementations
 * are found with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.rivulet.extension.TaskType},
 * or {@code provides} in a module declaration) and must have a public no-argument constructor.
 *
 * <p>The annotation may stand alone, or beside {@code @Task}, whose options (retries, timeout,
 * caching) then apply; it cannot be combined with {@code @Flow}.
 */
public interface TaskType {

    /** {@return the annotation that marks a method as a task of this type} */
    Class<? extends Annotation> annotation();

    /**
     * Defines the task of a method carrying {@link #annotation()}: checked when a stub of its
     * interface is made, once per method.
     *
     * @param method the interface method
     * @param parameterNames the names of its parameters as templates use them ({@code @Param} names, or the compiled ones)
     * @param taskOptions the options of its {@code @Task} annotation, empty if it has none
     * @return the task's options (what the method's runs are named, retried and cached by) and its body
     * @throws IllegalArgumentException if the method or its annotation is misused; the message says
     *     what to change, and the stub reports it as an {@link dev.rivulet.InvalidDefinitionException}
     */
    Definition define(Method method, List<String> parameterNames, TaskOptions taskOptions);

    /**
     * A task's options and body.
     *
     * @param options the options of the method's runs
     * @param body what a run does
     */
    record Definition(TaskOptions options, TaskBody body) {

        /**
         * Checks the parts.
         *
         * @throws NullPointerException if a part is null
         */
        public Definition {
            java.util.Objects.requireNonNull(options, "options");
            java.util.Objects.requireNonNull(body, "body");
        }
    }
}
