package dev.rivulet.internal.run;

import dev.rivulet.TaskOptions;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.internal.model.RunNamer;
import dev.rivulet.internal.result.ResultPolicy;
import dev.rivulet.runner.TaskRunner;

/**
 * What the runs of one task called the same way share: the task, the options and result policy it
 * runs with, its namer, the stub it was called on, the runner and the flow run (null outside one).
 * A flow that submits many runs of one task keeps one of these for all of them, not these eight
 * references in every run.
 */
record TaskCall(Engine engine, FlowRunImpl flow, MethodModel model, TaskOptions options, RunNamer namer, ResultPolicy resultPolicy,
                Object proxy, TaskRunner runner) {

    /**
     * The call of {@code flow}'s last task run if it is this one, else a new one, remembered in
     * {@code flow} for the next run. Runs made at once on several threads may each make their own:
     * they need only be equal, not the same.
     */
    static TaskCall of(Engine engine, FlowRunImpl flow, MethodModel model, TaskOptions options, RunNamer namer, ResultPolicy resultPolicy,
                       Object proxy, TaskRunner runner) {
        if (flow == null) {
            return new TaskCall(engine, null, model, options, namer, resultPolicy, proxy, runner);
        }
        TaskCall last = flow.lastTaskCall;
        if (last != null && last.model == model && last.options == options && last.namer == namer && last.resultPolicy == resultPolicy
                && last.proxy == proxy && last.runner == runner) {
            return last;
        }
        TaskCall call = new TaskCall(engine, flow, model, options, namer, resultPolicy, proxy, runner);
        flow.lastTaskCall = call;
        return call;
    }
}
