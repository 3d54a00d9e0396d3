package dev.rivulet.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Run ids: 128 random bits in UUID form, made without the contention of {@code UUID.randomUUID()}. */
final class RunIds {

    private RunIds() {}

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(high, low).toString();
    }
}
