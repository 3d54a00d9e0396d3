package dev.rivulet.testing.contract;

import dev.rivulet.runner.TaskRunner;
import dev.rivulet.runner.TaskRunners;

// @start region=contract
class ThreadPoolRunnerTest extends TaskRunnerContract {
    @Override
    protected TaskRunner newRunner() {
        return TaskRunners.threadPool(4);
    }

    @Override
    protected boolean runsInParallel() {
        return true;
    }
}
// @end
