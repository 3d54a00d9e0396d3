package dev.rivulet.cli.command;

import dev.rivulet.Rivulet;
import dev.rivulet.cli.RivuletConfiguration;
import java.nio.file.Path;

/** Keeps results in the directory the system property {@value #RESULTS_PROPERTY} names, in this JVM and in a child. */
public final class ResumableConfiguration implements RivuletConfiguration {

    static final String RESULTS_PROPERTY = "resumable.results";

    @Override
    public void configure(Rivulet.Builder builder) {
        builder.localResultsDirectory(Path.of(System.getProperty(RESULTS_PROPERTY)));
    }
}
