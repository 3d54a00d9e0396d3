package dev.rivulet.internal.graph;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A set by identity for the few objects one call quotes: a plain array scanned in order, cheaper
 * than a hash table for a handful of elements.
 */
public final class SmallIdentitySet extends AbstractSet<Object> {

    private Object[] elements = new Object[2];
    private int size;

    @Override
    public boolean contains(Object o) {
        for (int i = 0; i < size; i++) {
            if (elements[i] == o) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean add(Object o) {
        if (contains(o)) {
            return false;
        }
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size * 2);
        }
        elements[size++] = o;
        return true;
    }

    @Override
    public Iterator<Object> iterator() {
        return Arrays.asList(Arrays.copyOf(elements, size)).iterator();
    }

    @Override
    public void clear() {
        Arrays.fill(elements, 0, size, null);
        size = 0;
    }

    @Override
    public int size() {
        return size;
    }
}
