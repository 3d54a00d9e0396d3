package dev.rivulet.internal.history;

import dev.rivulet.history.ArtifactRecord;
import dev.rivulet.history.ResultLocation;

/** What a live task run tells its record beyond the {@link dev.rivulet.TaskRun} API. */
public interface RecordedTaskRun {

    /** Where its result was written or found in the cache; null if it was not persisted (yet). */
    ResultLocation resultLocation();

    /** What stands for its result in dependents' keys; null if it has none (yet). */
    String lineage();

    /** The artifact it materialised or reused; null if none (yet). */
    ArtifactRecord artifact();
}
