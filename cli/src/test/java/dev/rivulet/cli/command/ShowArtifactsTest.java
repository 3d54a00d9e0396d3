package dev.rivulet.cli.command;

import static dev.rivulet.cli.command.RivuletInProcess.rivulet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.assets.Asset;
import dev.rivulet.history.RunHistoryOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rivulet show lists the artifacts a run's data assets wrote or reused. */
class ShowArtifactsTest {

    public interface Regions {
        @Asset(path = "regions.json", name = "regions", cacheExpiration = "1h")
        default Artifact regions() {
            return Artifact.ofRecords(List.of(Map.of("region", "eu"), Map.of("region", "us")));
        }

        @Flow(name = "regions-load")
        default long load() {
            return regions().rows() + regions().rows();
        }
    }

    @Test
    void showListsEachArtifactWithWhereItIsAndHowManyRows(@TempDir Path directory) {
        Path runs = directory.resolve("runs");
        Path artifacts = directory.resolve("artifacts");
        String runId;
        try (ArtifactRoot root = ArtifactRoot.local(artifacts);
             Rivulet rivulet = Rivulet.builder().component(root).runHistory(RunHistoryOptions.newBuilder().directory(runs).build()).build()) {
            assertThat(rivulet.stub(Regions.class).load()).isEqualTo(4);
            runId = rivulet.lastFlowRun().orElseThrow().id();
        }

        RivuletInProcess.Ended shown = rivulet("show", "--runs", runs.toString(), runId);

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        String location = artifacts.resolve("regions.json").toUri().toString();
        assertThat(shown.out()).contains("Artifacts:\n")
                .containsPattern("regions-0 wrote regions: " + location + " \\(json, 2 rows, \\d+ bytes\\)")
                .containsPattern("regions-1 reused regions: " + location + " \\(json, 2 rows, \\d+ bytes\\)");
    }
}
