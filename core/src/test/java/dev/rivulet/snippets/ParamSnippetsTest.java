package dev.rivulet.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.param.FlowParameters;
import dev.rivulet.param.Param;
import dev.rivulet.secret.SecretProviders;
import dev.rivulet.secret.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples in the javadoc of {@link Param} and {@link FlowParameters}. */
class ParamSnippetsTest {

    // @start region=declare
    public interface Reports {
        @Flow
        default String export(
                @Param(value = "end_date", defaultValue = "yesterday", zone = "Europe/Paris",
                        description = "the last day exported") LocalDate endDate,
                @Param(value = "days", defaultValue = "1") int days,
                @Param(value = "regions", defaultValue = "eu,us") List<String> regions) {
            return days + " days to " + endDate + " for " + regions;
        }
    }
    // @end

    @Test
    void bindsFromTheCommandLineTheEnvironmentAndDefaults() throws ReflectiveOperationException {
        Clock clock = Clock.fixed(Instant.parse("2023-09-02T10:00:00Z"), ZoneOffset.UTC);
        FlowParameters.Sources sources = new FlowParameters.Sources(Map.of(), Map.of("RIVULET_PARAM_DAYS", "7"),
                Secrets.of(SecretProviders.environment(Map.of())), clock);
        try (Rivulet rivulet = Rivulet.builder().build()) {
            Reports reports = rivulet.stub(Reports.class);
            // @start region=bind
            FlowParameters parameters = FlowParameters.of(Reports.class, "export");
            // --end-date 2023-08-31 on the command line; RIVULET_PARAM_DAYS=7 in the environment
            FlowParameters.Binding binding = parameters.bind(Map.of("end_date", "2023-08-31"), sources);
            String exported = (String) parameters.method().invoke(reports, binding.arguments());
            // "7 days to 2023-08-31 for [eu, us]"
            // @end
            assertEquals("7 days to 2023-08-31 for [eu, us]", exported);
            assertEquals(Map.of("end_date", "option --end-date", "days", "environment variable RIVULET_PARAM_DAYS",
                    "regions", "default eu,us"), binding.origins());
            assertEquals(LocalDate.of(2023, 9, 1), parameters.bind(Map.of(), sources).values().getFirst(), "yesterday, in Paris");
            assertEquals(Map.of("end_date", "2023-08-31", "days", "7", "regions", "[eu, us]"),
                    rivulet.lastFlowRun().orElseThrow().parameters(), "the flow run records the values it ran with, by parameter name, as text");
        }
    }
}
