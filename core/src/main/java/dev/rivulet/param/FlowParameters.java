package dev.rivulet.param;

import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.internal.param.TextParsers;
import dev.rivulet.secret.Secret;
import dev.rivulet.secret.Secrets;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a flow method, and their binding to values given from outside the program.
 *
 * <p>Every parameter of the method is a flow parameter, named by its {@link Param @Param} or,
 * without one, by its Java name ({@code javac -parameters}). Each is set, in this precedence:
 * <ol>
 *   <li>on the command line, {@code --end-date 2023-09-01} (the {@code rivulet-cli} module binds
 *       options; {@link #bind(Map)} takes their values by parameter name);
 *   <li>by a system property, {@code -Drivulet.param.end-date=2023-09-01};
 *   <li>by an environment variable, {@code RIVULET_PARAM_END_DATE=2023-09-01};
 *   <li>by its {@link Param#defaultValue() default}, dynamic ones ({@code yesterday}) taken when bound;
 * </ol>
 * and a parameter set by none of these fails the binding, which names every such parameter and
 * how to set it. {@link FlowParameter} gives the naming rule; {@link dev.rivulet.secret.Secret}
 * parameters are found through {@link Secrets} by their names instead.
 *
 * <p>The text each type takes: strings as they are; integers {@code 42}, {@code -7}, {@code
 * 1_000_000}; numbers {@code 1.5}, {@code 2e-3}; booleans {@code true}/{@code false}, {@code
 * yes}/{@code no}, {@code on}/{@code off}; enums by constant name, any case, {@code -} for {@code _};
 * {@code LocalDate} {@code 2023-09-01}, {@code today}, {@code yesterday}, {@code tomorrow}, {@code
 * today-7}, {@code today+1}; {@code LocalDateTime} {@code 2023-09-01T06:30} or {@code now}; {@code
 * LocalTime} {@code 06:30}; {@code Instant} {@code 2023-09-01T06:30:00Z}, with an offset, or a date
 * (its start in the parameter's zone); {@code OffsetDateTime}, {@code ZonedDateTime}, {@code
 * YearMonth} in ISO-8601; {@code Duration} as {@link dev.rivulet.Durations#parse}; {@code Path};
 * {@code URI}; {@code List}, {@code Set} of any of these separated by commas (an element cannot hold
 * a comma; an empty text is an empty list); {@code Optional} of any of these (empty when not given
 * and without a default); and any type with a {@code static valueOf(String)}, {@code
 * fromString(String)} ({@code UUID}) or {@code parse(CharSequence)}.
 *
 * {@snippet file="dev/rivulet/snippets/ParamSnippetsTest.java" region="bind"}
 */
public final class FlowParameters {

    private final Method method;
    private final List<FlowParameter> parameters;

    private FlowParameters(Method method, List<FlowParameter> parameters) {
        this.method = method;
        this.parameters = List.copyOf(parameters);
    }

    /**
     * Where values come from besides the command line: system properties, environment variables,
     * secrets, and the clock of dynamic defaults.
     *
     * @param systemProperties system properties by name
     * @param environment environment variables by name
     * @param secrets where secret parameters are found
     * @param clock what {@code today} and {@code now} are read from
     */
    public record Sources(Map<String, String> systemProperties, Map<String, String> environment, Secrets secrets, Clock clock) {
        /** Checks and copies the sources. */
        public Sources {
            systemProperties = Map.copyOf(systemProperties);
            environment = Map.copyOf(environment);
            Objects.requireNonNull(secrets, "secrets");
            Objects.requireNonNull(clock, "clock");
        }

        /**
         * This JVM's system properties and environment, {@link Secrets#defaults()} and the system clock.
         *
         * @return the sources of a program as launched
         */
        public static Sources system() {
            Map<String, String> properties = new HashMap<>();
            System.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
            return new Sources(properties, System.getenv(), Secrets.defaults(), Clock.systemUTC());
        }
    }

    /**
     * The values bound to a flow's parameters, and where each came from.
     *
     * @param values the values, in the method's parameter order
     * @param origins for each parameter's name, where its value came from: {@code "option --end-date"},
     *     {@code "environment variable RIVULET_PARAM_END_DATE"}, {@code "default yesterday"}
     */
    public record Binding(List<Object> values, Map<String, String> origins) {
        /** Copies the origins; the values may hold nulls (an Optional never does). */
        public Binding {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
            origins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(origins));
        }

        /**
         * The values as the arguments of a reflective call of the flow method.
         *
         * @return a new array of the values
         */
        public Object[] arguments() {
            return values.toArray();
        }
    }

    /**
     * The parameters of {@code flow}.
     *
     * @param flow a flow method
     * @return its parameters
     * @throws InvalidDefinitionException if a parameter has no usable name (neither {@link Param}
     *     nor {@code javac -parameters}), a type that cannot be given as text, two parameters share
     *     a name, or a default that its type does not take
     */
    public static FlowParameters of(Method flow) {
        Parameter[] declared = flow.getParameters();
        Type[] types = flow.getGenericParameterTypes();
        List<FlowParameter> parameters = new ArrayList<>(declared.length);
        Map<String, String> optionsSeen = new HashMap<>();
        for (int i = 0; i < declared.length; i++) {
            Param param = declared[i].getAnnotation(Param.class);
            String name = param != null && !param.value().isBlank() ? param.value().strip() : declared[i].getName();
            String where = "parameter " + i + " (" + name + ") of flow " + flow.getDeclaringClass().getSimpleName() + "." + flow.getName();
            if (param == null && !declared[i].isNamePresent()) {
                throw new InvalidDefinitionException(where + " has no name; annotate it @Param(\"name\") or compile with javac -parameters");
            }
            ZoneId zone = zone(param, where);
            boolean secret = types[i] == Secret.class;
            String defaultValue = param == null || Param.REQUIRED.equals(param.defaultValue()) ? null : param.defaultValue();
            if (secret && defaultValue != null) {
                throw new InvalidDefinitionException(where + " is a secret and cannot have a default; set it where secrets are found");
            }
            TextParsers.Parser parser = secret ? null : TextParsers.forType(types[i], zone, Clock.systemUTC(), where);
            FlowParameter parameter = new FlowParameter(name, i, types[i], defaultValue, zone, param == null ? "" : param.description(),
                    secret, parser);
            String clash = optionsSeen.put(parameter.option(), name);
            if (clash != null) {
                throw new InvalidDefinitionException(where + " goes by " + parameter.option() + ", as parameter " + clash
                        + " does; give one of them another name");
            }
            if (defaultValue != null && !TextParsers.isDynamic(defaultValue)) {
                try {
                    parser.parse(defaultValue);
                } catch (IllegalArgumentException e) {
                    throw new InvalidDefinitionException(where + " has the default \"" + defaultValue + "\", which its type does not take: "
                            + e.getMessage());
                }
            }
            parameters.add(parameter);
        }
        return new FlowParameters(flow, parameters);
    }

    /**
     * The parameters of the flow method {@code methodName} of {@code flowType}, which must have exactly one method of that name.
     *
     * @param flowType the interface or class declaring the flow
     * @param methodName the flow method's name
     * @return its parameters
     * @throws InvalidDefinitionException if there is no such method or several, or as {@link #of(Method)}
     */
    public static FlowParameters of(Class<?> flowType, String methodName) {
        List<Method> methods = Arrays.stream(flowType.getMethods()).filter(m -> m.getName().equals(methodName)).toList();
        if (methods.size() != 1) {
            throw new InvalidDefinitionException(flowType.getName() + " has " + methods.size() + " public methods named " + methodName
                    + "; binding parameters needs exactly one");
        }
        return of(methods.getFirst());
    }

    private static ZoneId zone(Param param, String where) {
        String zone = param == null ? "UTC" : param.zone();
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidDefinitionException(where + " has zone \"" + zone + "\", which is not a zone id (UTC, Europe/Paris, +02:00)");
        }
    }

    /**
     * The flow method.
     *
     * @return the method whose parameters these are
     */
    public Method method() {
        return method;
    }

    /**
     * The parameters, in the method's order.
     *
     * @return the parameters
     */
    public List<FlowParameter> list() {
        return parameters;
    }

    /**
     * The parameter named {@code name}, as declared.
     *
     * @param name the name
     * @return the parameter, or empty
     */
    public Optional<FlowParameter> find(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Binds values given on the command line, by parameter name, with this JVM's {@linkplain Sources#system() sources} for the rest.
     *
     * @param commandLine the text given for each parameter on the command line, by its declared name
     * @return the values and their origins
     * @throws ParameterException if a name is unknown, a text is not of its parameter's type, or
     *     parameters without a default are not given; the message names every such parameter
     * @throws dev.rivulet.secret.MissingSecretException if a secret parameter's secret is found nowhere
     */
    public Binding bind(Map<String, String> commandLine) {
        return bind(commandLine, Sources.system());
    }

    /**
     * Binds values given on the command line, by parameter name, with {@code sources} for the rest;
     * see the precedence in the class javadoc.
     *
     * @param commandLine the text given for each parameter on the command line, by its declared name
     * @param sources system properties, environment, secrets and clock
     * @return the values and their origins
     * @throws ParameterException if a name is unknown, a text is not of its parameter's type, or
     *     parameters without a default are not given; the message names every such parameter
     * @throws dev.rivulet.secret.MissingSecretException if a secret parameter's secret is found nowhere
     */
    public Binding bind(Map<String, String> commandLine, Sources sources) {
        for (String name : commandLine.keySet()) {
            if (find(name).isEmpty()) {
                throw new ParameterException("flow " + method.getName() + " has no parameter " + name + "; its parameters are "
                        + parameters.stream().map(FlowParameter::name).toList());
            }
        }
        List<Object> values = new ArrayList<>(parameters.size());
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (FlowParameter parameter : parameters) {
            String name = parameter.name();
            if (parameter.secret()) {
                if (commandLine.containsKey(name)) {
                    parameter.parse(commandLine.get(name), "option " + parameter.option());
                }
                values.add(sources.secrets().get(name));
                origins.put(name, "secret " + name);
                continue;
            }
            String text;
            String origin;
            if (commandLine.containsKey(name)) {
                text = commandLine.get(name);
                origin = "option " + parameter.option();
            } else if (sources.systemProperties().containsKey(parameter.systemProperty())) {
                text = sources.systemProperties().get(parameter.systemProperty());
                origin = "system property " + parameter.systemProperty();
            } else if (sources.environment().containsKey(parameter.environmentVariable())) {
                text = sources.environment().get(parameter.environmentVariable());
                origin = "environment variable " + parameter.environmentVariable();
            } else if (parameter.defaultValue().isPresent()) {
                text = parameter.defaultValue().get();
                origin = "default " + text;
            } else if (parameter.type() instanceof java.lang.reflect.ParameterizedType optional
                    && optional.getRawType() == Optional.class) {
                values.add(Optional.empty());
                origins.put(name, "not given");
                continue;
            } else {
                missing.add(name + " (" + parameter.option() + ", -D" + parameter.systemProperty() + "=... or "
                        + parameter.environmentVariable() + "; a " + parameter.typeDescription() + ")");
                values.add(null);
                continue;
            }
            values.add(parameter.parse(text, origin, sources.clock()));
            origins.put(name, origin);
        }
        if (!missing.isEmpty()) {
            throw new ParameterException("flow " + method.getName() + " needs " + (missing.size() == 1 ? "parameter " : "parameters ")
                    + String.join(", ", missing) + ", which " + (missing.size() == 1 ? "has" : "have")
                    + " no default; set " + (missing.size() == 1 ? "it" : "each") + " in one of these ways");
        }
        return new Binding(values, origins);
    }
}
