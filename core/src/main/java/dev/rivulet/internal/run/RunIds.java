package dev.rivulet.internal.run;

import java.util.concurrent.ThreadLocalRandom;

/** Run ids: 128 random bits in UUID form, made without the contention of {@code UUID.randomUUID()}. */
final class RunIds {

    private RunIds() {}

    /** The high half of a random (version 4) UUID. */
    static long high() {
        return (ThreadLocalRandom.current().nextLong() & ~0xF000L) | 0x4000L;
    }

    /** The low half of a random (version 4) UUID. */
    static long low() {
        return (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    }

    static String text(long high, long low) {
        return new java.util.UUID(high, low).toString();
    }
}
