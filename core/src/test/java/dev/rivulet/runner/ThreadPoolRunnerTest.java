package dev.rivulet.runner;

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
