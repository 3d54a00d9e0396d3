package dev.rivulet.internal.result;

import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.TaskRun;
import dev.rivulet.internal.option.Checks;
import dev.rivulet.internal.option.Templates;
import dev.rivulet.result.StoreSupport;
import java.util.List;

/**
 * A result storage key template, {@code "trips/{day}/{task}.json"}: placeholders for the task,
 * the flow, the run ids and the method's parameters. Rendered keys are checked like every store
 * key, so a key cannot leave the store's root.
 */
final class StorageKeyTemplate {

    private enum Special { TASK, FLOW, FLOW_RUN, TASK_RUN }

    private final String template;
    private final List<Object> parts;

    StorageKeyTemplate(String template, String[] parameterNames) {
        this.template = Checks.storageKeyTemplate(template);
        try {
            this.parts = Templates.parse(template, placeholder -> switch (placeholder) {
                case "task" -> Special.TASK;
                case "flow" -> Special.FLOW;
                case "flowRun" -> Special.FLOW_RUN;
                case "taskRun" -> Special.TASK_RUN;
                default -> Templates.parameterIndex(template, placeholder, parameterNames);
            });
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException("resultStorageKey: " + e.getMessage()
                    + "; besides parameters, {task}, {flow}, {flowRun} and {taskRun} are known", e);
        }
    }

    /**
     * The key for one run.
     *
     * @throws IllegalArgumentException if the key is not a valid store key or leaves the store's root;
     *     the message names the run, the template and the key
     */
    String render(TaskRun run, Object[] args) {
        String key;
        if (parts == null) {
            key = template;
        } else {
            StringBuilder out = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Integer index) {
                    out.append(args[index]);
                } else if (part instanceof Special special) {
                    out.append(switch (special) {
                        case TASK -> keySegment(run.taskName());
                        case FLOW -> run.flowRun().map(f -> keySegment(f.flowName())).orElse("no-flow");
                        case FLOW_RUN -> run.flowRun().map(f -> f.id()).orElse("no-flow");
                        case TASK_RUN -> run.id();
                    });
                } else {
                    out.append(part);
                }
            }
            key = out.toString();
        }
        try {
            return StoreSupport.checkKey(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the result storage key of task run '" + run.name() + "' is '" + key
                    + "', from template '" + template + "': " + e.getMessage(), e);
        }
    }

    /** A name as a key segment: characters a key cannot hold (such as a name's placeholders) become {@code _}. */
    static String keySegment(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '=' || c == '-';
            out.append(plain ? c : '_');
        }
        String segment = out.toString();
        return segment.equals(".") || segment.equals("..") ? "_" : segment;
    }
}
