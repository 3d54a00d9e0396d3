package dev.rivulet.cli;

import dev.rivulet.param.FlowParameter;
import dev.rivulet.param.FlowParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A flow's parameters as options of a command line: one {@code --end-date} option for each
 * parameter but secrets, its help naming the text it takes, its default, and the system property
 * and environment variable that also set it. Options are read as text and bound by {@link
 * FlowParameters#bind}, so a value given on the command line, as a property, in the environment or
 * as a default is read by one set of rules, in that precedence.
 *
 * <p>Add them to a command that has options of its own, then bind after parsing:
 *
 * {@snippet file="dev/rivulet/cli/snippets/ExportCommand.java" region="options"}
 *
 * <p>{@link FlowCommand} does this for a program that runs one flow and nothing else.
 */
public final class FlowParameterOptions {

    private final CommandLine line;
    private final FlowParameters parameters;
    private final Map<String, OptionSpec> options;

    private FlowParameterOptions(CommandLine line, FlowParameters parameters, Map<String, OptionSpec> options) {
        this.line = line;
        this.parameters = parameters;
        this.options = options;
    }

    /**
     * Adds an option for each parameter of {@code parameters} but secrets to {@code line}'s command.
     *
     * @param line a command line, before it parses
     * @param parameters the flow's parameters
     * @return the options, to bind once {@code line} has parsed
     * @throws picocli.CommandLine.DuplicateOptionAnnotationsException if the command already has an option of a parameter's name
     */
    public static FlowParameterOptions addTo(CommandLine line, FlowParameters parameters) {
        Objects.requireNonNull(line, "line");
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        for (FlowParameter parameter : parameters.list()) {
            if (parameter.secret()) {
                continue;
            }
            OptionSpec.Builder option = OptionSpec.builder(parameter.option())
                    .type(String.class)
                    .paramLabel("<" + label(parameter) + ">")
                    .description(description(parameter).toArray(String[]::new));
            if (parameter.type() == boolean.class || parameter.type() == Boolean.class) {
                option.arity("0..1").fallbackValue("true");
            } else {
                option.arity("1");
            }
            OptionSpec spec = option.build();
            line.getCommandSpec().addOption(spec);
            options.put(parameter.name(), spec);
        }
        return new FlowParameterOptions(line, parameters, options);
    }

    private static String label(FlowParameter parameter) {
        String description = parameter.typeDescription();
        int space = description.indexOf(' ');
        return space < 0 ? description : description.substring(0, space);
    }

    private static List<String> description(FlowParameter parameter) {
        String purpose = parameter.description().isBlank() ? "" : parameter.description().strip() + " ";
        String defaultText = parameter.defaultValue()
                .map(d -> "Default: " + d + (parameter.dynamicDefault() ? " (in " + parameter.zone() + ")" : "") + ".")
                .orElse(parameter.type() instanceof java.lang.reflect.ParameterizedType optional
                        && optional.getRawType() == java.util.Optional.class ? "Optional." : "Required.");
        return List.of(purpose + "A " + parameter.typeDescription() + ". " + defaultText,
                "Also -D" + parameter.systemProperty() + "=..., or " + parameter.environmentVariable() + ".");
    }

    /**
     * The flow's parameters these options were made from.
     *
     * @return the parameters
     */
    public FlowParameters parameters() {
        return parameters;
    }

    /**
     * Binds what the command line parsed, with this JVM's system properties, environment and secrets for the rest.
     *
     * @return the values and where each came from
     * @throws CommandLine.ParameterException a usage error naming the parameter, for a value its
     *     type does not take or a required parameter given nowhere
     */
    public FlowParameters.Binding bind() {
        return bind(FlowParameters.Sources.system());
    }

    /**
     * Binds what the command line parsed, with {@code sources} for the rest.
     *
     * @param sources system properties, environment, secrets and clock
     * @return the values and where each came from
     * @throws CommandLine.ParameterException a usage error naming the parameter, for a value its
     *     type does not take or a required parameter given nowhere
     */
    public FlowParameters.Binding bind(FlowParameters.Sources sources) {
        ParseResult parsed = line.getParseResult();
        if (parsed == null) {
            throw new IllegalStateException("the command line has not parsed its arguments yet; bind after parseArgs or in the command");
        }
        Map<String, String> given = new LinkedHashMap<>();
        options.forEach((name, option) -> {
            if (parsed.hasMatchedOption(option)) {
                given.put(name, parsed.matchedOption(option.longestName()).getValue());
            }
        });
        try {
            return parameters.bind(given, sources);
        } catch (dev.rivulet.param.ParameterException e) {
            throw new CommandLine.ParameterException(line, e.getMessage(), e);
        }
    }
}
