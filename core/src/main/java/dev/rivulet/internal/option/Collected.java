package dev.rivulet.internal.option;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The collections options hold: immutable, in the order given, and how they add up with a default's. */
public final class Collected {

    private Collected() {}

    /** An immutable copy that keeps the order of {@code values}; a null element is rejected, naming {@code option}. */
    public static <E> Set<E> orderedSet(Collection<? extends E> values, String option) {
        Set<E> copy = new LinkedHashSet<>();
        for (E value : values) {
            copy.add(Objects.requireNonNull(value, option));
        }
        return Collections.unmodifiableSet(copy);
    }

    /** The default's elements, then these, without repeats. */
    public static <E> Set<E> union(Set<E> these, Set<E> defaults) {
        Set<E> union = new LinkedHashSet<>(defaults);
        union.addAll(these);
        return Collections.unmodifiableSet(union);
    }

    /** The default's elements, then these. */
    public static <E> List<E> concatenation(List<E> these, List<E> defaults) {
        List<E> all = new ArrayList<>(defaults);
        all.addAll(these);
        return List.copyOf(all);
    }
}
