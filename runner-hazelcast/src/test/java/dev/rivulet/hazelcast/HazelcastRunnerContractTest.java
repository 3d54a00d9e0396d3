package dev.rivulet.hazelcast;

import dev.rivulet.runner.TaskRunner;
import dev.rivulet.testing.contract.RemoteTaskRunnerContract;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The runner against the task-runner contracts, on two member JVMs joined over loopback, this JVM a client. */
class HazelcastRunnerContractTest extends RemoteTaskRunnerContract {

    private static LocalMembers members;

    @BeforeAll
    static void startMembers() {
        members = LocalMembers.start(2);
    }

    @AfterAll
    static void stopMembers() {
        members.close();
    }

    @Override
    protected TaskRunner newRunner() {
        return members.runner();
    }

    @Override
    protected boolean runsInParallel() {
        return true;
    }

    @Override
    protected Set<Long> workerProcessIds() {
        return members.members().stream().map(LocalMembers.Member::pid).collect(Collectors.toSet());
    }
}
