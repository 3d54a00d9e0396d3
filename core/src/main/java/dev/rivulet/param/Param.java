package dev.rivulet.param;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parameter of a {@link dev.rivulet.Flow @Flow} method that can be set from outside the program:
 * on the command line ({@code --end-date 2023-09-01}), as a system property ({@code
 * -Drivulet.param.end-date=2023-09-01}) or as an environment variable ({@code
 * RIVULET_PARAM_END_DATE=2023-09-01}), and otherwise takes its {@link #defaultValue()}. {@link
 * FlowParameters} describes the rules: names, precedence, the text each type takes.
 *
 * {@snippet file="dev/rivulet/snippets/ParamSnippetsTest.java" region="declare"}
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {

    /** The value of {@link #defaultValue()} that means "no default": the parameter must be given. */
    String REQUIRED = "\u0000rivulet.required";

    /**
     * The parameter's name, from which its option, property and variable names are made ({@code
     * end_date} or {@code endDate}: {@code --end-date}); the Java parameter's name when empty, which
     * needs {@code javac -parameters}.
     *
     * @return the name
     */
    String value() default "";

    /**
     * The value when none is given from outside, as text in the form the parameter's type takes:
     * {@code "2023-09-01"}, {@code "10"}, {@code "a,b"}. Dates, times and instants also take the
     * dynamic values {@code today}, {@code yesterday}, {@code tomorrow}, {@code today-7} and {@code
     * today+1} (days), and {@code now}, taken in {@link #zone()} when the flow is bound. An {@link
     * java.util.Optional} parameter without a default is empty.
     *
     * @return the default as text; {@link #REQUIRED} for none
     */
    String defaultValue() default REQUIRED;

    /**
     * The time zone of the dynamic defaults {@code today}, {@code yesterday}, {@code tomorrow} and
     * {@code now}, and of dates and local date-times given for an {@link java.time.Instant}.
     *
     * @return a zone id; {@code UTC} by default
     */
    String zone() default "UTC";

    /**
     * What the parameter is for, shown by {@code --help}.
     *
     * @return one sentence; empty for none
     */
    String description() default "";
}
