package dev.rivulet.extension;

import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import dev.rivulet.history.ArtifactRecord;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/** One attempt of a task of a {@link TaskType}, as its {@link TaskBody} sees it. */
public interface TaskInvocation {

    /** {@return the interface method called} */
    Method method();

    /** {@return the names of its parameters, as run name templates use them} */
    List<String> parameterNames();

    /** {@return the arguments of the run, upstream futures resolved to their values (nulls kept)} */
    List<Object> arguments();

    /** {@return the run's options: the annotation's, the call's and the flow's defaults merged} */
    TaskOptions options();

    /** {@return the task run this attempt belongs to} */
    TaskRun taskRun();

    /**
     * The component of the given type given to {@link dev.rivulet.Rivulet.Builder#component(Object)}.
     *
     * @param <T> the type
     * @param type the class of the component, or a type it implements
     * @return the first component that is an instance of {@code type}, if any
     */
    <T> Optional<T> component(Class<T> type);

    /**
     * Calls the method's own body (the interface's default method or the implementation's) with
     * the run's arguments.
     *
     * @return what the body returned
     * @throws Throwable what the body threw
     */
    Object proceed() throws Throwable;

    /**
     * Records an artifact the run wrote or found valid; it appears in the run's record as {@link
     * dev.rivulet.history.TaskRunRecord#artifact()}. A later call replaces it.
     *
     * @param artifact what was written
     */
    void recordArtifact(ArtifactRecord artifact);

    /**
     * Records that this run read the artifact of that name: the graph gets an edge of kind {@link
     * dev.rivulet.RunGraph.EdgeKind#READ} from the task run of the same flow run that last recorded
     * an artifact of that name, if one did (an artifact written by another flow run makes no edge).
     *
     * @param artifactName the name of the artifact read, as {@link ArtifactRecord#name()} gives it
     */
    void readArtifact(String artifactName);

    /**
     * Marks the run as having reused an earlier run's work instead of doing its own: it ends in
     * state {@link dev.rivulet.State#CACHED} if this attempt succeeds.
     */
    void reused();
}
