package dev.rivulet.testing.contract;

import dev.rivulet.runner.TaskRunner;
import dev.rivulet.runner.TaskRunners;

class VirtualThreadRunnerTest extends TaskRunnerContract {
    @Override
    protected TaskRunner newRunner() {
        return TaskRunners.virtualThreads();
    }

    @Override
    protected boolean runsInParallel() {
        return true;
    }
}
