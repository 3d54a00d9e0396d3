package dev.rivulet.tables.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.tables.ColumnPredicate;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The example in the javadoc of {@link ColumnPredicate}. */
class ColumnPredicateSnippetsTest {

    // @start region=september
    static ColumnPredicate paidTripsInSeptember() {
        return ColumnPredicate.between("pickup_date", LocalDate.of(2023, 9, 1), LocalDate.of(2023, 9, 30))
                .and(ColumnPredicate.greaterThan("fare_amount", new BigDecimal("0.00")))
                .and(ColumnPredicate.isNotNull("payment_type"));
    }
    // @end

    @Test
    void conditionsCombineAndPrintAsSql() {
        assertEquals("(((pickup_date >= 2023-09-01 and pickup_date <= 2023-09-30) and fare_amount > 0.00) and payment_type is not null)",
                paidTripsInSeptember().toString());
    }
}
