package dev.rivulet.cli.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * ISO dates, {@code 2023-09-01}, as picocli reads them, with a message that says which form to use
 * in place of picocli's, which names the exception's class.
 */
public final class DateConverter implements ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            String reason = e.getMessage().replaceFirst("^Text '.*' could not be parsed(: |$)", "");
            throw new TypeConversionException("'" + value + "' is not a date: use YYYY-MM-DD, such as 2023-09-01"
                    + (reason.isEmpty() || reason.startsWith("Text ") ? "" : " (" + reason + ")"));
        }
    }
}
