package dev.rivulet.runner;

import dev.rivulet.TaskRun;

/** A task run whose inputs are ready, handed to a {@link TaskRunner}; a {@link Runnable} of one attempt. */
public interface ReadyTaskRun extends Runnable {

    /** {@return the run, for the runner's own bookkeeping and logs} */
    TaskRun taskRun();

    /**
     * Carries out one attempt of the run. Never throws: every outcome, failures included, is
     * recorded on the run.
     */
    @Override
    void run();
}
