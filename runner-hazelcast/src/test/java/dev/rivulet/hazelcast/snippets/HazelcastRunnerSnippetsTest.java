package dev.rivulet.hazelcast.snippets;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.cli.RivuletConfiguration;
import dev.rivulet.hazelcast.HazelcastTaskRunner;
import dev.rivulet.hazelcast.LocalMembers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The examples in the javadoc of the Hazelcast runner, and members that take the application's configuration. */
class HazelcastRunnerSnippetsTest {

    /** A task interface with an abstract method, which the members carry out with the configuration's implementation. */
    public interface Greetings {
        @Task
        String greeting(String name);

        @Task
        default long where(int i) {
            return ProcessHandle.current().pid();
        }

        @Flow
        default List<String> greetAll(List<String> names) {
            List<TaskFuture<String>> greetings = new ArrayList<>();
            for (String name : names) {
                greetings.add(submit(this::greeting, name));
            }
            return greetings.stream().map(TaskFuture::get).toList();
        }
    }

    /** What the members are started with: the implementation of {@link Greetings#greeting}. */
    public static final class MemberConfiguration implements RivuletConfiguration {
        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> implementation(Class<T> flowType) {
            if (flowType != Greetings.class) {
                return Optional.empty();
            }
            return Optional.of((T) (Greetings) name -> "hello " + name + " from " + ProcessHandle.current().pid());
        }
    }

    @Test
    void membersCarryOutAbstractMethodsWithTheApplicationsConfiguration() throws Exception {
        // @start region=local
        try (LocalMembers members = LocalMembers.builder()
                     .count(2)
                     .configuration(MemberConfiguration.class.getName())
                     .start();
             Rivulet rivulet = Rivulet.builder().taskRunner(members.runner()).build()) {
            Greetings greetings = rivulet.stub(Greetings.class, name -> {
                throw new IllegalStateException("carried out by the members, not here");
            });
            List<String> said = greetings.greetAll(List.of("ada", "bo", "cy"));
            // @end
            List<Long> pids = members.members().stream().map(LocalMembers.Member::pid).toList();
            assertThat(said).hasSize(3).allSatisfy(line -> assertThat(pids).anyMatch(pid -> line.endsWith(" from " + pid)));
            assertThat(said.get(0)).startsWith("hello ada");
            assertThat(pids).contains(greetings.where(1));
            String[] addresses = members.addresses().toArray(String[]::new);
            String clusterName = members.clusterName();
            // @start region=runner
            HazelcastTaskRunner runner = HazelcastTaskRunner.builder()
                    .clusterName(clusterName)                      // as the members were started with
                    .addresses(addresses)                          // "10.0.0.5:5701", ...
                    .clusterConnectTimeout(Duration.ofSeconds(30)) // fail waiting runs once the cluster is gone this long
                    .build();
            try (Rivulet onCluster = Rivulet.builder().taskRunner(runner).build()) {
                // flows called on onCluster's stubs run their task bodies on the members
                // @end
                assertThat(pids).contains(onCluster.stub(Greetings.class, name -> "").where(2));
            }
        }
    }
}
