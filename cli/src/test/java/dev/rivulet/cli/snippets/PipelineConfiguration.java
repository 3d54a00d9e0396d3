package dev.rivulet.cli.snippets;

import dev.rivulet.Rivulet;
import dev.rivulet.cli.RivuletConfiguration;
import dev.rivulet.runner.TaskRunners;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Optional;

/** The example in the javadoc of {@link RivuletConfiguration}: what {@code rivulet run} needs to run {@link Pipeline}. */
// @start region=configuration
public final class PipelineConfiguration implements RivuletConfiguration {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public void configure(Rivulet.Builder builder) {
        builder.taskRunner(TaskRunners.threadPool(8))
                .localResultsDirectory(Path.of(System.getProperty("java.io.tmpdir"), "pipeline-results"));
    }

    @Override
    public <T> Optional<T> implementation(Class<T> flowType) {
        // Pipeline's abstract http() is answered by this object; its tasks and flows run on the stub.
        return flowType == Pipeline.class ? Optional.of(flowType.cast((Pipeline) () -> http)) : Optional.empty();
    }

    @Override
    public void close() {
        http.close();
    }
}
// @end
