package dev.rivulet;

import dev.rivulet.internal.option.OptionValues;

/**
 * What {@link TaskOptions} and {@link FlowOptions} share: their values, stored by option, and the
 * equality and printing that follow from them.
 */
abstract sealed class OptionsValue permits TaskOptions, FlowOptions {

    final OptionValues values;

    OptionsValue(OptionValues values) {
        this.values = values;
    }

    /**
     * Whether {@code o} is options of the same class with the same options set to equal values.
     * Hooks, conditions and key functions are compared by their own {@code equals}: the same
     * objects, as a rule.
     */
    @Override
    public final boolean equals(Object o) {
        return o instanceof OptionsValue other && other.values.equals(values);
    }

    @Override
    public final int hashCode() {
        return values.hashCode();
    }

    /** The options that are set, such as {@code TaskOptions{retries=3, timeout=PT30S}}. */
    @Override
    public final String toString() {
        return values.toString();
    }
}
