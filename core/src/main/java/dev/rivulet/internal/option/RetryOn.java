package dev.rivulet.internal.option;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The retry condition {@code retryOn} gives: failures of these types or their subclasses. A value,
 * so that options read twice from one annotation are equal and print what they retry.
 */
public record RetryOn(List<Class<? extends Throwable>> types) implements Predicate<Throwable> {

    public RetryOn {
        types = List.copyOf(types);
    }

    @Override
    public boolean test(Throwable failure) {
        return types.stream().anyMatch(type -> type.isInstance(failure));
    }

    @Override
    public String toString() {
        return "retryOn" + types.stream().map(Class::getName).collect(Collectors.joining(", ", "[", "]"));
    }
}
