package dev.rivulet.internal.option;

import java.util.Arrays;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The values of an options class, one slot per option of its {@link OptionTable}, null where the
 * option is unset. Immutable; {@link Builder} makes new ones. Merging, equality and printing go
 * option by option, as each option's declaration says.
 */
public final class OptionValues {

    private final OptionTable<?, ?> table;
    private final Object[] values;

    OptionValues(OptionTable<?, ?> table, Object[] values) {
        this.table = table;
        this.values = values;
    }

    /** The option's value, or its unset value. */
    public <T> T get(Option<T> option) {
        T value = raw(option);
        return value == null ? option.unsetValue() : value;
    }

    /** The option's value, if set. */
    public <T> Optional<T> find(Option<T> option) {
        return Optional.ofNullable(raw(option));
    }

    public boolean isSet(Option<?> option) {
        return raw(option) != null;
    }

    /** Whether no option is set. */
    public boolean isEmpty() {
        return Arrays.stream(values).allMatch(v -> v == null);
    }

    /** These values on top of {@code defaults}: an option unset here takes the default's value, one set in both merges. */
    public OptionValues withDefaults(OptionValues defaults) {
        requireSameTable(defaults.table);
        Object[] merged = new Object[values.length];
        for (Option<?> option : table.options()) {
            merged[option.index()] = merge(option, defaults);
        }
        return new OptionValues(table, merged);
    }

    private <T> T merge(Option<T> option, OptionValues defaults) {
        T these = raw(option);
        T theirs = defaults.raw(option);
        if (these == null || theirs == null) {
            return these == null ? theirs : these;
        }
        return option.merge(these, theirs);
    }

    public Builder toBuilder() {
        return new Builder(table, values.clone());
    }

    @SuppressWarnings("unchecked")
    private <T> T raw(Option<T> option) {
        requireSameTable(option.table());
        return (T) values[option.index()];
    }

    private void requireSameTable(OptionTable<?, ?> other) {
        if (other != table) {
            throw new IllegalArgumentException("options of " + other.typeName() + " given to " + table.typeName());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionValues other && other.table == table && Arrays.equals(other.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** {@code TaskOptions{retries=3, timeout=PT30S}}: the options set, in the order they are declared. */
    @Override
    public String toString() {
        StringJoiner printed = new StringJoiner(", ", table.typeName() + "{", "}");
        for (Option<?> option : table.options()) {
            print(option, printed);
        }
        return printed.toString();
    }

    private <T> void print(Option<T> option, StringJoiner printed) {
        T value = raw(option);
        if (value != null) {
            printed.add(option.name() + "=" + option.print(value));
        }
    }

    /** Values being set, for an options class's builder. */
    public static final class Builder {
        private final OptionTable<?, ?> table;
        private final Object[] values;

        private Builder(OptionTable<?, ?> table, Object[] values) {
            this.table = table;
            this.values = values;
        }

        /** The option's value so far, or its unset value. */
        public <T> T get(Option<T> option) {
            T value = current(option);
            return value == null ? option.unsetValue() : value;
        }

        /** Checks {@code value} as the option says and stores it in place of what was there. */
        public <T> void set(Option<T> option, T value) {
            current(option);
            values[option.index()] = option.check(value);
        }

        /** Checks {@code value} and adds it to what was there, as the option merges with a default. */
        public <T> void add(Option<T> option, T value) {
            T current = current(option);
            T checked = option.check(value);
            if (checked != null) {
                values[option.index()] = current == null ? checked : option.merge(checked, current);
            }
        }

        /** The option's value so far, null if unset. */
        @SuppressWarnings("unchecked")
        private <T> T current(Option<T> option) {
            if (option.table() != table) {
                throw new IllegalArgumentException(option + " is no option of " + table.typeName());
            }
            return (T) values[option.index()];
        }

        public OptionValues build() {
            return new OptionValues(table, values.clone());
        }
    }
}
