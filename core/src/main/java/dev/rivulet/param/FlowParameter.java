package dev.rivulet.param;

import dev.rivulet.internal.param.TextParsers;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * One parameter of a flow as it is set from outside: its name, the names it goes by on the command
 * line, as a system property and as an environment variable, its type and default. Made by {@link
 * FlowParameters}.
 *
 * <p>The names are made from the parameter's name split into words at underscores, dashes and
 * lower-to-upper case changes ({@code end_date}, {@code endDate} and {@code end-date} are the words
 * "end" and "date"): the option {@code --end-date}, the system property {@code
 * rivulet.param.end-date}, the environment variable {@code RIVULET_PARAM_END_DATE}. A {@link
 * dev.rivulet.secret.Secret} parameter has none of these: it is found by its name as declared
 * ({@code DB_PASS}) through {@link dev.rivulet.secret.Secrets}, never from the command line, where
 * process listings would show it.
 */
public final class FlowParameter {

    private final String name;
    private final int index;
    private final Type type;
    private final String defaultValue;
    private final ZoneId zone;
    private final String description;
    private final boolean secret;
    private final TextParsers.Parser parser;
    private final String words;

    FlowParameter(String name, int index, Type type, String defaultValue, ZoneId zone, String description, boolean secret,
            TextParsers.Parser parser) {
        this.name = name;
        this.index = index;
        this.type = type;
        this.defaultValue = defaultValue;
        this.zone = zone;
        this.description = description;
        this.secret = secret;
        this.parser = parser;
        this.words = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /**
     * The name as declared: {@link Param#value()} or the Java parameter's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The parameter's position in the flow method.
     *
     * @return the index, from 0
     */
    public int index() {
        return index;
    }

    /**
     * The parameter's Java type.
     *
     * @return the type, with its type arguments ({@code List<LocalDate>})
     */
    public Type type() {
        return type;
    }

    /**
     * The default, as text, if it has one.
     *
     * @return the default; empty when the parameter must be given (an {@code Optional} parameter is then empty)
     */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * Whether its default is read from the clock when the flow is bound: {@code today}, {@code
     * yesterday}, {@code tomorrow}, {@code today-7}, {@code today+1}, {@code now}.
     *
     * @return true for such a default
     */
    public boolean dynamicDefault() {
        return defaultValue != null && TextParsers.isDynamic(defaultValue);
    }

    /**
     * The zone of its dynamic dates and times.
     *
     * @return the zone of {@code today}, {@code now} and local times given for an instant
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * What it is for.
     *
     * @return the description; empty if none was given
     */
    public String description() {
        return description;
    }

    /**
     * Whether it is a {@link dev.rivulet.secret.Secret}, found by name through {@link dev.rivulet.secret.Secrets}.
     *
     * @return true for a secret
     */
    public boolean secret() {
        return secret;
    }

    /**
     * The command-line option that sets it: {@code --end-date}.
     *
     * @return the option, with its two dashes
     */
    public String option() {
        return "--" + words;
    }

    /**
     * The system property that sets it: {@code rivulet.param.end-date}.
     *
     * @return the property's name
     */
    public String systemProperty() {
        return "rivulet.param." + words;
    }

    /**
     * The environment variable that sets it: {@code RIVULET_PARAM_END_DATE}.
     *
     * @return the variable's name
     */
    public String environmentVariable() {
        return "RIVULET_PARAM_" + words.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The text it takes, for help and messages: {@code date (2023-09-01, today, yesterday, ...)}.
     *
     * @return the description of its values
     */
    public String typeDescription() {
        return secret ? "secret, found by name (" + name + ")" : parser.describe();
    }

    /**
     * {@code text} as a value of this parameter's type, as if given from {@code origin}.
     *
     * @param text the text
     * @param origin where it came from, for the message: {@code "option --end-date"}
     * @return the value
     * @throws ParameterException naming this parameter, the text, its origin and the text expected
     */
    public Object parse(String text, String origin) {
        return parse(text, origin, Clock.systemUTC());
    }

    /** As {@link #parse(String, String)}, with {@code today} and {@code now} read from {@code clock}. */
    Object parse(String text, String origin, Clock clock) {
        if (secret) {
            throw new ParameterException("parameter " + name + " is a secret and is not given as text (" + origin + "); set the secret "
                    + name + " where secrets are found (an environment variable, a file of the secrets directory, ...)");
        }
        try {
            return TextParsers.forType(type, zone, clock, name).parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException("parameter " + name + " (" + origin + "): " + e.getMessage() + "; give a " + parser.describe(), e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + type.getTypeName() + (defaultValue == null ? "" : ", default " + defaultValue) + ")";
    }
}
