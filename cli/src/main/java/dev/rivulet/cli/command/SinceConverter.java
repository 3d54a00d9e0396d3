package dev.rivulet.cli.command;

import dev.rivulet.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --since}: a duration back from now ({@code 1d}), a date ({@code 2023-09-01}, UTC) or an instant. */
final class SinceConverter implements ITypeConverter<SinceConverter.Since> {

    /** A point in time, maybe relative to now. */
    sealed interface Since {
        Instant from(Clock clock);
    }

    /** So long before now. */
    record Ago(Duration duration) implements Since {
        @Override
        public Instant from(Clock clock) {
            return clock.instant().minus(duration);
        }
    }

    /** A fixed instant. */
    record At(Instant instant) implements Since {
        @Override
        public Instant from(Clock clock) {
            return instant;
        }
    }

    @Override
    public Since convert(String value) {
        try {
            return new At(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notADate) {
            // next form
        }
        try {
            return new At(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            // next form
        }
        try {
            return new Ago(Durations.parse(value));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is neither a duration back from now (1d, 12h, 30m) nor a date "
                    + "(2023-09-01) nor an instant (2023-09-01T12:00:00Z)");
        }
    }
}
