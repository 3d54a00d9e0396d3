package dev.rivulet.extension;

import dev.rivulet.TaskOptions;
import dev.rivulet.history.ArtifactRecord;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A task type for the tests: a {@link Labelled} method's result is prefixed with a label (the
 * annotation's, or the call's {@link Label} option, or the {@link Labels} component's), and each run
 * records an artifact naming it; an argument {@code "reuse"} makes the run count as reused.
 */
public final class LabelledTaskType implements TaskType {

    /** Marks a task whose text result is labelled. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Labelled {
        /** The label; empty for the component's. */
        String value() default "";
    }

    /** A call's own label, given as {@code TaskOptions.newBuilder().extension(new Label("x"))}. */
    public record Label(String text) {}

    /** The label of tasks whose annotation gives none, given as a component of the Rivulet. */
    public record Labels(String fallback) {}

    @Override
    public Class<Labelled> annotation() {
        return Labelled.class;
    }

    @Override
    public Definition define(Method method, List<String> parameterNames, TaskOptions taskOptions) {
        if (method.getReturnType() != String.class) {
            throw new IllegalArgumentException("a labelled task returns String, not " + method.getReturnType().getSimpleName());
        }
        String annotated = method.getAnnotation(Labelled.class).value();
        TaskOptions options = TaskOptions.newBuilder().tags("labelled").build().withDefaults(taskOptions);
        return new Definition(options, invocation -> {
            String label = invocation.options().extension(Label.class).map(Label::text)
                    .orElseGet(() -> annotated.isEmpty()
                            ? invocation.component(Labels.class).map(Labels::fallback).orElse("none")
                            : annotated);
            Object result = invocation.proceed();
            if (invocation.arguments().contains("reuse")) {
                invocation.reused();
            }
            invocation.recordArtifact(new ArtifactRecord(invocation.taskRun().name(), URI.create("memory:/" + label), "text",
                    label.length(), 1, "none", Instant.now(), invocation.taskRun().id(), 1, null));
            return label + ":" + result;
        });
    }
}
