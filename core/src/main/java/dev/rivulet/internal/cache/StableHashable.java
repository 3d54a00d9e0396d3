package dev.rivulet.internal.cache;

/**
 * A value that {@link StableHash} hashes through a stand-in: its class name, then the hash of
 * {@link #stableHashKey()}. The hook for types that are neither records nor one of the built-in
 * kinds, such as Rivulet's own handles; a public opt-in for user types can be adapted to it.
 */
public interface StableHashable {

    /**
     * A value that stands for this one in cache keys, made of the kinds {@link StableHash} takes:
     * equal for values that a task treats alike, different otherwise, and the same in every JVM.
     */
    Object stableHashKey();
}
