package dev.rivulet.moduletest.closed;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Task;

/** Tasks in a package that is exported but not opened to Rivulet. */
public interface Unopened {

    /** A task argument and result of this package. */
    record Amount(String currency, long cents) {}

    @Task
    default int twice(int value) {
        return 2 * value;
    }

    @Task(cachePolicy = CachePolicy.INPUTS, persistResult = true, serializer = "json")
    default Amount doubled(Amount amount) {
        return new Amount(amount.currency(), 2 * amount.cents());
    }

    @Flow
    default int direct(int value) {
        return twice(value) + 1;
    }

    @Flow
    default int submitted(int value) {
        return submit(this::twice, value).get() + 1;
    }

    @Flow
    default int chained(int value) {
        return submit(this::twice, submit(this::twice, value)).get();
    }

    @Flow
    default Amount persisted(long cents) {
        return submit(this::doubled, new Amount("EUR", cents)).get();
    }
}
