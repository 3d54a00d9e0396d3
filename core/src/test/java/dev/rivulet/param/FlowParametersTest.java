package dev.rivulet.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.Flow;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.secret.MissingSecretException;
import dev.rivulet.secret.Secret;
import dev.rivulet.secret.SecretProviders;
import dev.rivulet.secret.Secrets;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FlowParametersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-09-02T23:30:00Z"), ZoneOffset.UTC);

    enum Mode { FULL_REFRESH, INCREMENTAL }

    interface Everything {
        @Flow
        default void run(@Param("text") String text, @Param("flag") boolean flag, @Param("count") long count,
                @Param("ratio") double ratio, @Param("amount") BigDecimal amount, @Param("mode") Mode mode,
                @Param("day") LocalDate day, @Param("at") LocalDateTime at, @Param("clock") LocalTime clock,
                @Param(value = "instant", zone = "Europe/Paris") Instant instant, @Param("month") YearMonth month,
                @Param("timeout") Duration timeout, @Param("path") Path path, @Param("uri") URI uri,
                @Param("days") List<LocalDate> days, @Param("tags") Set<String> tags, @Param("limit") Optional<Integer> limit,
                @Param("id") UUID id) {}
    }

    interface Lake {
        @Flow
        default void load(@Param(value = "end_date", defaultValue = "yesterday") LocalDate endDate,
                @Param(value = "start_date", defaultValue = "today-7", zone = "Pacific/Kiritimati") LocalDate startDate,
                @Param("tables") List<String> tables, @Param("dbPass") Secret password, @Param("workers") int workers) {}
    }

    private static FlowParameters.Sources sources(Map<String, String> properties, Map<String, String> environment) {
        return new FlowParameters.Sources(properties, environment, Secrets.of(SecretProviders.environment(Map.of("dbPass", "pw"))), CLOCK);
    }

    @Test
    void everyTypeTakesItsDocumentedText() {
        FlowParameters parameters = FlowParameters.of(Everything.class, "run");
        Map<String, String> given = new java.util.HashMap<>();
        given.putAll(Map.of("text", " spaced ", "flag", "yes", "count", "1_000_000", "ratio", "2e-3", "amount", "12.50",
                "mode", "full-refresh", "day", "today-1", "at", "2023-09-01T06:30", "clock", "06:30"));
        given.putAll(Map.of("instant", "2023-09-01", "month", "2023-09", "timeout", "90s", "path", "/tmp/x", "uri", "s3://b/k",
                "days", "2023-09-01, yesterday", "tags", "a,b,a", "limit", "5"));
        given.put("id", "123e4567-e89b-12d3-a456-426614174000");

        List<Object> values = parameters.bind(given, sources(Map.of(), Map.of())).values();

        assertEquals(List.of(" spaced ".strip(), true, 1_000_000L, 0.002, new BigDecimal("12.50"), Mode.FULL_REFRESH,
                LocalDate.of(2023, 9, 1), LocalDateTime.of(2023, 9, 1, 6, 30), LocalTime.of(6, 30),
                Instant.parse("2023-08-31T22:00:00Z"), YearMonth.of(2023, 9), Duration.ofSeconds(90), Path.of("/tmp/x"),
                URI.create("s3://b/k"), List.of(LocalDate.of(2023, 9, 1), LocalDate.of(2023, 9, 1)), Set.of("a", "b"), Optional.of(5),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000")), values);
    }

    @Test
    void namesFollowOneRule() {
        FlowParameter endDate = FlowParameters.of(Lake.class, "load").find("end_date").orElseThrow();
        FlowParameter password = FlowParameters.of(Lake.class, "load").find("dbPass").orElseThrow();

        assertEquals("--end-date", endDate.option());
        assertEquals("rivulet.param.end-date", endDate.systemProperty());
        assertEquals("RIVULET_PARAM_END_DATE", endDate.environmentVariable());
        assertEquals("--db-pass", password.option());
        assertTrue(password.secret());
        assertTrue(endDate.typeDescription().startsWith("date (2023-09-01, today"), endDate.typeDescription());
    }

    @Test
    void commandLineWinsOverSystemPropertiesOverEnvironmentOverDefault() {
        FlowParameters parameters = FlowParameters.of(Lake.class, "load");
        Map<String, String> environment = Map.of("RIVULET_PARAM_END_DATE", "2023-01-03", "RIVULET_PARAM_TABLES", "env",
                "RIVULET_PARAM_WORKERS", "3");
        Map<String, String> properties = Map.of("rivulet.param.end-date", "2023-01-02", "rivulet.param.tables", "property");

        FlowParameters.Binding binding = parameters.bind(Map.of("end_date", "2023-01-01"), sources(properties, environment));

        assertEquals(List.of(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 8, 27), List.of("property"), Secret.of("dbPass", "pw"), 3),
                binding.values(), "start_date: today-7 where it is already 3 September, 13:30");
        assertEquals(Map.of("end_date", "option --end-date", "start_date", "default today-7", "tables", "system property rivulet.param.tables",
                "dbPass", "secret dbPass", "workers", "environment variable RIVULET_PARAM_WORKERS"), binding.origins());
        assertEquals(LocalDate.of(2023, 9, 1), parameters.bind(Map.of("tables", "a", "workers", "1"), sources(Map.of(), Map.of()))
                .values().getFirst(), "yesterday in UTC");
    }

    @Test
    void missingParametersAreNamedTogetherWithHowToSetThem() {
        ParameterException missing = assertThrows(ParameterException.class,
                () -> FlowParameters.of(Lake.class, "load").bind(Map.of(), sources(Map.of(), Map.of())));

        assertTrue(missing.getMessage().contains("needs parameters tables (--tables, -Drivulet.param.tables=... or RIVULET_PARAM_TABLES;"
                + " a list of string, separated by commas), workers (--workers"), missing.getMessage());
    }

    @Test
    void badTextNamesTheParameterTheTextItsOriginAndWhatItTakes() {
        FlowParameters parameters = FlowParameters.of(Lake.class, "load");

        ParameterException date = assertThrows(ParameterException.class, () -> parameters.bind(Map.of("tables", "a", "workers", "1"),
                sources(Map.of(), Map.of("RIVULET_PARAM_END_DATE", "2023-13-01"))));
        assertEquals("parameter end_date (environment variable RIVULET_PARAM_END_DATE): \"2023-13-01\" is not a date (2023-09-01, today,"
                + " yesterday, tomorrow, today-7, today+1); give a date (2023-09-01, today, yesterday, tomorrow, today-7, today+1)",
                date.getMessage());
        ParameterException count = assertThrows(ParameterException.class,
                () -> parameters.bind(Map.of("tables", "a", "workers", "many"), sources(Map.of(), Map.of())));
        assertTrue(count.getMessage().startsWith("parameter workers (option --workers): \"many\" is not a integer"), count.getMessage());
        ParameterException unknown = assertThrows(ParameterException.class,
                () -> parameters.bind(Map.of("table", "a"), sources(Map.of(), Map.of())));
        assertTrue(unknown.getMessage().contains("has no parameter table; its parameters are [end_date, start_date, tables, dbPass, workers]"),
                unknown.getMessage());
        ParameterException secret = assertThrows(ParameterException.class,
                () -> parameters.bind(Map.of("dbPass", "typed-on-the-command-line"), sources(Map.of(), Map.of())));
        assertTrue(secret.getMessage().contains("is a secret and is not given as text"), secret.getMessage());
    }

    @Test
    void aSecretParameterIsFoundByItsName() {
        FlowParameters parameters = FlowParameters.of(Lake.class, "load");
        FlowParameters.Sources noSecrets = new FlowParameters.Sources(Map.of(), Map.of(), Secrets.of(SecretProviders.environment(Map.of())),
                CLOCK);

        MissingSecretException missing = assertThrows(MissingSecretException.class,
                () -> parameters.bind(Map.of("tables", "a", "workers", "1"), noSecrets));
        assertEquals("dbPass", missing.secretName());
    }

    interface Broken {
        @Flow
        default void badDefault(@Param(value = "day", defaultValue = "2023-02-30") LocalDate day) {}

        @Flow
        default void badType(@Param("thread") Thread thread) {}

        @Flow
        default void clash(@Param("end_date") LocalDate a, @Param("endDate") LocalDate b) {}

        @Flow
        default void secretDefault(@Param(value = "pass", defaultValue = "x") Secret pass) {}

        @Flow
        default void badZone(@Param(value = "day", zone = "Mars/Olympus") LocalDate day) {}
    }

    @Test
    void definitionsThatCannotBeBoundFailWhenRead() {
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> FlowParameters.of(Broken.class, "badDefault")).getMessage()
                .contains("has the default \"2023-02-30\", which its type does not take"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> FlowParameters.of(Broken.class, "badType")).getMessage()
                .contains("has type java.lang.Thread, which cannot be given as text"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> FlowParameters.of(Broken.class, "clash")).getMessage()
                .contains("goes by --end-date, as parameter end_date does"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> FlowParameters.of(Broken.class, "secretDefault")).getMessage()
                .contains("is a secret and cannot have a default"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> FlowParameters.of(Broken.class, "badZone")).getMessage()
                .contains("\"Mars/Olympus\", which is not a zone id"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> FlowParameters.of(Broken.class, "missing")).getMessage()
                .contains("has 0 public methods named missing"));
    }
}
