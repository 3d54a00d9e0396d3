package dev.rivulet.cli.command;

import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.param.FlowParameter;
import dev.rivulet.param.FlowParameters;
import dev.rivulet.param.ParameterException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * A recorded flow run's arguments as the text {@link FlowParameters#bind} takes, so that a run that
 * resumes it is called with what it was called with. A record keeps each argument's {@code
 * String.valueOf}: most types read that back as they are; a list or set is recorded as {@code [a,
 * b]} and given as {@code a,b}, an optional as {@code Optional[a]} and given as {@code a}. A secret
 * is recorded by its name only, and found again where secrets are found.
 */
final class RecordedParameters {

    /** How long a recorded text is at most: a longer argument was cut, and ends with {@code ...}. */
    private static final int RECORDED_LIMIT = 1_000;

    private RecordedParameters() {}

    /**
     * The text of each recorded parameter the flow has, checked against its type.
     *
     * @throws CommandLine.ParameterException if a recorded text was cut short, or is not of its parameter's type
     */
    static Map<String, String> of(FlowRunRecord run, FlowParameters parameters, CommandLine line) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> recorded : run.parameters().entrySet()) {
            String name = recorded.getKey();
            Optional<FlowParameter> declared = parameters.find(name);
            if (declared.isEmpty()) {
                throw cannotResume(run, line, "it was called with parameter " + name + ", which flow " + run.flowMethod()
                        + " no longer has; its parameters are " + parameters.list().stream().map(FlowParameter::name).toList());
            }
            FlowParameter parameter = declared.get();
            if (parameter.secret()) {
                continue;
            }
            String text = recorded.getValue();
            if (text.length() > RECORDED_LIMIT && text.endsWith("...")) {
                throw cannotResume(run, line, "its parameter " + name + " was longer than the " + RECORDED_LIMIT
                        + " characters a record keeps; run the flow again with 'rivulet run'");
            }
            Optional<String> given = given(parameter.type(), text);
            if (given.isEmpty()) {
                continue;
            }
            try {
                parameter.parse(given.get(), "as recorded");
            } catch (ParameterException e) {
                throw cannotResume(run, line, e.getMessage());
            }
            texts.put(name, given.get());
        }
        return texts;
    }

    /** The text to bind for a recorded one; empty for an empty optional, which is bound by not being given. */
    private static Optional<String> given(Type type, String recorded) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
        if (raw == Optional.class) {
            if (recorded.equals("Optional.empty")) {
                return Optional.empty();
            }
            if (recorded.startsWith("Optional[") && recorded.endsWith("]")) {
                return Optional.of(recorded.substring("Optional[".length(), recorded.length() - 1));
            }
        }
        if (Collection.class.isAssignableFrom(raw) && recorded.startsWith("[") && recorded.endsWith("]")) {
            return Optional.of(String.join(",", recorded.substring(1, recorded.length() - 1).split(", ", -1)));
        }
        return Optional.of(recorded);
    }

    static CommandLine.ParameterException cannotResume(FlowRunRecord run, CommandLine line, String why) {
        return new CommandLine.ParameterException(line, "flow run " + run.id() + " ('" + run.name() + "') cannot be resumed: " + why);
    }
}
