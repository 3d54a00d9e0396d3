package dev.rivulet.tables;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A condition on column values that lets a Parquet read skip whole row groups: a row group is
 * read unless the statistics in its file's footer (each column chunk's minimum, maximum and null
 * count) prove that no row of it can match. Rows of the row groups that are read are not filtered
 * one by one: the table may hold rows that do not match, and a file written without statistics is
 * read whole.
 *
 * <p>Conditions name a column by its name, or a field of a struct by its dotted path ({@code
 * "pickup.zone"}); columns inside lists and maps cannot be conditions. Nulls match no comparison,
 * as in SQL: use {@link #isNull} and {@link #isNotNull} for them. Values are Java values of the
 * column's kind:
 * <ul>
 *   <li>integer and decimal columns (signed or unsigned, any width or precision): {@link Byte},
 *       {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger}, {@link BigDecimal},
 *       compared exactly ({@code greaterThan("fare", new BigDecimal("9.995"))} on a {@code DECIMAL(9,2)});
 *       a {@code double} or {@code float} as the decimal it prints as ({@code 301.99});
 *   <li>float, double and float16 columns: any {@link Number}, compared as a {@code double};
 *   <li>strings ({@code STRING}, {@code ENUM}, {@code JSON}): {@link String}, compared by UTF-8 bytes
 *       as Parquet orders them (code point order);
 *   <li>binary and fixed-length binary: {@code byte[]}, compared as unsigned bytes; UUID columns: {@link UUID};
 *   <li>booleans: {@link Boolean}; dates: {@link LocalDate}; times: {@link LocalTime};
 *   <li>timestamps adjusted to UTC: {@link Instant}; local timestamps: {@link LocalDateTime}.
 * </ul>
 * A value of another kind than its column's fails the read with an {@link IllegalArgumentException}
 * naming the column, its Parquet type and the value's type; so does a column the files do not have.
 *
 * {@snippet file="dev/rivulet/tables/snippets/ColumnPredicateSnippetsTest.java" region="september"}
 */
public sealed interface ColumnPredicate {

    /** How a column's value is compared with a given value. */
    enum Operator {
        /** Equal to the value. */
        EQUAL("="),
        /** Not equal to the value (nulls do not match). */
        NOT_EQUAL("<>"),
        /** Less than the value. */
        LESS_THAN("<"),
        /** Less than or equal to the value. */
        LESS_THAN_OR_EQUAL("<="),
        /** Greater than the value. */
        GREATER_THAN(">"),
        /** Greater than or equal to the value. */
        GREATER_THAN_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** {@return the operator as SQL writes it, for messages: {@code <=}} */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * A column compared with a value.
     *
     * @param column the column's name or dotted path
     * @param operator how it is compared
     * @param value the value, of a kind the class javadoc lists; never null
     */
    record Comparison(String column, Operator operator, Object value) implements ColumnPredicate {
        /** Checks the column and the value. */
        public Comparison {
            checkColumn(column);
            Objects.requireNonNull(operator, "operator");
            checkValue(column, value);
        }

        @Override
        public String toString() {
            return column + " " + operator.symbol() + " " + show(value);
        }
    }

    /**
     * A column equal to one of some values.
     *
     * @param column the column's name or dotted path
     * @param values the values, at least one, of a kind the class javadoc lists; never null
     */
    record In(String column, List<Object> values) implements ColumnPredicate {
        /** Checks the column and the values, and copies them. */
        public In {
            checkColumn(column);
            values = List.copyOf(Objects.requireNonNull(values, "values"));
            if (values.isEmpty()) {
                throw new IllegalArgumentException("in(\"" + column + "\", ...) needs at least one value");
            }
            values.forEach(value -> checkValue(column, value));
        }

        @Override
        public String toString() {
            return column + " in " + values.stream().map(ColumnPredicate::show).toList();
        }
    }

    /**
     * A column that is null, or that is not.
     *
     * @param column the column's name or dotted path
     * @param isNull whether the rows matched are those where it is null
     */
    record NullCheck(String column, boolean isNull) implements ColumnPredicate {
        /** Checks the column. */
        public NullCheck {
            checkColumn(column);
        }

        @Override
        public String toString() {
            return column + (isNull ? " is null" : " is not null");
        }
    }

    /**
     * Every one of some conditions.
     *
     * @param all the conditions, at least two
     */
    record And(List<ColumnPredicate> all) implements ColumnPredicate {
        /** Checks and copies the conditions. */
        public And {
            all = List.copyOf(all);
            if (all.size() < 2) {
                throw new IllegalArgumentException("and(...) needs at least two conditions, got " + all.size());
            }
        }

        @Override
        public String toString() {
            return "(" + String.join(" and ", all.stream().map(ColumnPredicate::toString).toList()) + ")";
        }
    }

    /**
     * Any one of some conditions.
     *
     * @param any the conditions, at least two
     */
    record Or(List<ColumnPredicate> any) implements ColumnPredicate {
        /** Checks and copies the conditions. */
        public Or {
            any = List.copyOf(any);
            if (any.size() < 2) {
                throw new IllegalArgumentException("or(...) needs at least two conditions, got " + any.size());
            }
        }

        @Override
        public String toString() {
            return "(" + String.join(" or ", any.stream().map(ColumnPredicate::toString).toList()) + ")";
        }
    }

    /**
     * Rows where {@code column} equals {@code value}.
     *
     * @param column the column's name or dotted path
     * @param value the value; not null (use {@link #isNull})
     * @return the condition
     */
    static ColumnPredicate equalTo(String column, Object value) {
        return new Comparison(column, Operator.EQUAL, value);
    }

    /**
     * Rows where {@code column} is not null and differs from {@code value}.
     *
     * @param column the column's name or dotted path
     * @param value the value; not null (use {@link #isNotNull})
     * @return the condition
     */
    static ColumnPredicate notEqualTo(String column, Object value) {
        return new Comparison(column, Operator.NOT_EQUAL, value);
    }

    /**
     * Rows where {@code column} is less than {@code value}.
     *
     * @param column the column's name or dotted path
     * @param value the value; not null
     * @return the condition
     */
    static ColumnPredicate lessThan(String column, Object value) {
        return new Comparison(column, Operator.LESS_THAN, value);
    }

    /**
     * Rows where {@code column} is less than or equal to {@code value}.
     *
     * @param column the column's name or dotted path
     * @param value the value; not null
     * @return the condition
     */
    static ColumnPredicate lessThanOrEqualTo(String column, Object value) {
        return new Comparison(column, Operator.LESS_THAN_OR_EQUAL, value);
    }

    /**
     * Rows where {@code column} is greater than {@code value}.
     *
     * @param column the column's name or dotted path
     * @param value the value; not null
     * @return the condition
     */
    static ColumnPredicate greaterThan(String column, Object value) {
        return new Comparison(column, Operator.GREATER_THAN, value);
    }

    /**
     * Rows where {@code column} is greater than or equal to {@code value}.
     *
     * @param column the column's name or dotted path
     * @param value the value; not null
     * @return the condition
     */
    static ColumnPredicate greaterThanOrEqualTo(String column, Object value) {
        return new Comparison(column, Operator.GREATER_THAN_OR_EQUAL, value);
    }

    /**
     * Rows where {@code column} lies between {@code low} and {@code high}, both included.
     *
     * @param column the column's name or dotted path
     * @param low the smallest value that matches; not null
     * @param high the largest value that matches; not null
     * @return the condition
     */
    static ColumnPredicate between(String column, Object low, Object high) {
        return greaterThanOrEqualTo(column, low).and(lessThanOrEqualTo(column, high));
    }

    /**
     * Rows where {@code column} equals one of {@code values}.
     *
     * @param column the column's name or dotted path
     * @param values the values, at least one; none null
     * @return the condition
     */
    static ColumnPredicate in(String column, Collection<?> values) {
        return new In(column, List.copyOf(values));
    }

    /**
     * Rows where {@code column} is null.
     *
     * @param column the column's name or dotted path
     * @return the condition
     */
    static ColumnPredicate isNull(String column) {
        return new NullCheck(column, true);
    }

    /**
     * Rows where {@code column} is not null.
     *
     * @param column the column's name or dotted path
     * @return the condition
     */
    static ColumnPredicate isNotNull(String column) {
        return new NullCheck(column, false);
    }

    /**
     * Rows that match this condition and {@code other}.
     *
     * @param other the other condition
     * @return the condition
     */
    default ColumnPredicate and(ColumnPredicate other) {
        return new And(List.of(this, Objects.requireNonNull(other, "other")));
    }

    /**
     * Rows that match this condition or {@code other}.
     *
     * @param other the other condition
     * @return the condition
     */
    default ColumnPredicate or(ColumnPredicate other) {
        return new Or(List.of(this, Objects.requireNonNull(other, "other")));
    }

    private static void checkColumn(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("a condition needs a column name, got " + (column == null ? "null" : "\"" + column + "\""));
        }
    }

    private static void checkValue(String column, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("the condition on \"" + column + "\" compares with null, which no row matches; "
                    + "use ColumnPredicate.isNull(\"" + column + "\") or isNotNull");
        }
        boolean supported = value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof byte[]
                || value instanceof UUID || value instanceof LocalDate || value instanceof LocalTime || value instanceof LocalDateTime
                || value instanceof Instant;
        if (!supported) {
            throw new IllegalArgumentException("the condition on \"" + column + "\" compares with a " + value.getClass().getName()
                    + ", which no Parquet column holds; give a Number, String, Boolean, byte[], UUID, LocalDate, LocalTime,"
                    + " LocalDateTime or Instant");
        }
        if ((value instanceof Double d && d.isNaN()) || (value instanceof Float f && f.isNaN())) {
            throw new IllegalArgumentException("the condition on \"" + column + "\" compares with NaN, which orders with nothing");
        }
    }

    private static String show(Object value) {
        return switch (value) {
            case String s -> "'" + s + "'";
            case byte[] bytes -> "0x" + java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 32))
                    + (bytes.length > 32 ? "..." : "");
            default -> String.valueOf(value);
        };
    }

}
