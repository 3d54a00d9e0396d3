package dev.rivulet.runner;

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
