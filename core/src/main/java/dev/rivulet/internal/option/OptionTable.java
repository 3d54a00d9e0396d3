package dev.rivulet.internal.option;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The options of one options class, each declared once, in order, together with the annotation
 * attributes they are read from. Annotation reading goes through the options class's public
 * builder, so it checks what a builder call checks; an attribute left at its default leaves its
 * option unset, so that it inherits.
 *
 * @param <A> the annotation whose attributes are the options' twins
 * @param <B> the options class's builder
 */
public final class OptionTable<A extends Annotation, B> {

    private final String typeName;
    private final Class<A> annotationType;
    private final List<Option<?>> options = new ArrayList<>();
    private final Map<String, Attribute<A, B, ?>> attributes = new LinkedHashMap<>();

    /** An annotation attribute, the option it sets and how: through a builder method. */
    private record Attribute<A, B, V>(Option<?> option, Method method, Function<A, V> getter, BiConsumer<B, V> setter) {
        void read(A annotation, B builder) {
            V value = getter.apply(annotation);
            if (!Objects.deepEquals(value, method.getDefaultValue())) {
                setter.accept(builder, value);
            }
        }
    }

    /**
     * @param typeName the options class's simple name, for printing
     * @param annotationType the annotation read by {@link #read}
     */
    public OptionTable(String typeName, Class<A> annotationType) {
        this.typeName = typeName;
        this.annotationType = annotationType;
    }

    /** Starts the declaration of an option whose accessor gives {@code unsetValue} while it is unset. */
    public <T> Declaration<T> option(String name, T unsetValue) {
        return new Declaration<>(name, unsetValue);
    }

    /** A text option that must not be blank, such as a name. */
    public Declaration<String> text(String name) {
        return this.<String>option(name, null).checkedBy(text -> Checks.notBlank(text, name));
    }

    /** A count that must not be negative, 0 while unset. */
    public Declaration<Integer> count(String name) {
        return option(name, 0).checkedBy(count -> Checks.notNegative(count, name));
    }

    /** A positive duration, such as a timeout. */
    public Declaration<Duration> positiveDuration(String name) {
        return this.<Duration>option(name, null).checkedBy(duration -> Checks.positive(duration, name));
    }

    /** Delays that must not be negative, empty while unset; {@code attribute} names them in messages. */
    public Declaration<List<Duration>> delays(String name, String attribute) {
        return option(name, List.<Duration>of()).checkedBy(delays -> List.copyOf(Checks.notNegative(delays, attribute)));
    }

    /** Sets on {@code builder} every option whose attribute {@code annotation} gives a value other than its default. */
    public B read(A annotation, B builder) {
        for (Attribute<A, B, ?> attribute : attributes.values()) {
            attribute.read(annotation, builder);
        }
        return builder;
    }

    /** The options in the order they were declared. */
    public List<Option<?>> options() {
        return Collections.unmodifiableList(options);
    }

    /** The option each annotation attribute sets, by the attribute's name. */
    public Map<String, Option<?>> attributes() {
        Map<String, Option<?>> byName = new LinkedHashMap<>();
        attributes.forEach((name, attribute) -> byName.put(name, attribute.option()));
        return byName;
    }

    String typeName() {
        return typeName;
    }

    /** Values with no option set. */
    public OptionValues none() {
        return new OptionValues(this, new Object[options.size()]);
    }

    /** How an option's value is checked, merged, printed and read; {@link #add()} ends it. */
    public final class Declaration<T> {
        private final String name;
        private final T unsetValue;
        private UnaryOperator<T> check = UnaryOperator.identity();
        private BinaryOperator<T> merge = (these, defaults) -> these;
        private Function<? super T, String> printer = Printing::describe;
        private final List<PendingAttribute<?>> reads = new ArrayList<>();

        private record PendingAttribute<V>(String attribute, Function<?, V> getter, BiConsumer<?, V> setter) {}

        private Declaration(String name, T unsetValue) {
            this.name = name;
            this.unsetValue = unsetValue;
        }

        /**
         * How a value is checked and made immutable before it is stored (a null given to it is
         * rejected before); it may return null for a value that means the same as unset.
         */
        public Declaration<T> checkedBy(UnaryOperator<T> check) {
            this.check = check;
            return this;
        }

        /** How a value merges with a default ({@code these}, {@code defaults}); by default, it replaces it. */
        public Declaration<T> mergedBy(BinaryOperator<T> merge) {
            this.merge = merge;
            return this;
        }

        public Declaration<T> printedBy(Function<? super T, String> printer) {
            this.printer = printer;
            return this;
        }

        /**
         * Reads the option from an annotation attribute of this name, through the builder method
         * {@code setter}; an option may be read from several attributes.
         */
        public <V> Declaration<T> readFrom(String attribute, Function<A, V> getter, BiConsumer<B, V> setter) {
            reads.add(new PendingAttribute<>(attribute, getter, setter));
            return this;
        }

        /** Adds the option to the table. */
        @SuppressWarnings("unchecked")
        public Option<T> add() {
            Option<T> option = new Option<>(OptionTable.this, options.size(), name, unsetValue, check, merge, printer);
            options.add(option);
            for (PendingAttribute<?> read : reads) {
                Method method;
                try {
                    method = annotationType.getMethod(read.attribute());
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException("@" + annotationType.getSimpleName() + " has no attribute " + read.attribute(), e);
                }
                Attribute<A, B, Object> attribute = new Attribute<>(option, method, (Function<A, Object>) read.getter(),
                        (BiConsumer<B, Object>) read.setter());
                if (attributes.putIfAbsent(read.attribute(), attribute) != null) {
                    throw new IllegalStateException("@" + annotationType.getSimpleName() + "." + read.attribute() + " is read twice");
                }
            }
            return option;
        }
    }
}
