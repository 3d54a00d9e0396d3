package dev.rivulet.internal.option;

import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One option of an options class ({@code TaskOptions}, {@code FlowOptions}), as its {@link
 * OptionTable} declares it: its name, what its accessor gives while it is unset, how a value is
 * checked, how a value merges with a default, and how it prints. The options class stores its
 * values by option ({@link OptionValues}), so storage, merging, equality and printing follow from
 * the declaration.
 *
 * @param <T> the type of the stored value
 */
public final class Option<T> {

    private final OptionTable<?, ?> table;
    private final int index;
    private final String name;
    private final T unsetValue;
    private final UnaryOperator<T> check;
    private final BinaryOperator<T> merge;
    private final Function<? super T, String> printer;

    Option(OptionTable<?, ?> table, int index, String name, T unsetValue, UnaryOperator<T> check, BinaryOperator<T> merge,
           Function<? super T, String> printer) {
        this.table = table;
        this.index = index;
        this.name = name;
        this.unsetValue = unsetValue;
        this.check = check;
        this.merge = merge;
        this.printer = printer;
    }

    /** The option's name, as its builder method and accessor spell it. */
    public String name() {
        return name;
    }

    /** What the options class answers while the option is unset; null where its accessor returns an {@code Optional}. */
    public T unsetValue() {
        return unsetValue;
    }

    OptionTable<?, ?> table() {
        return table;
    }

    int index() {
        return index;
    }

    /** The value to store: checked, and immutable; null when the value means the same as unset. */
    T check(T value) {
        return check.apply(Objects.requireNonNull(value, name));
    }

    /** {@code these} on top of {@code defaults}, both set. */
    T merge(T these, T defaults) {
        return merge.apply(these, defaults);
    }

    String print(T value) {
        return printer.apply(value);
    }

    @Override
    public String toString() {
        return table.typeName() + "." + name;
    }
}
