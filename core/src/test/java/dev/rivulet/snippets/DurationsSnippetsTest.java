package dev.rivulet.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example in {@link Durations}' javadoc. */
class DurationsSnippetsTest {

    @Test
    void halfASecondInEitherForm() {
        // @start region=parse
        Duration delay = Durations.parse("500ms");   // PT0.5S
        // @end
        assertEquals(Duration.ofMillis(500), delay);
        assertEquals(delay, Durations.parse("PT0.5S"));
    }

    @Test
    void aNegativeDurationIsRefusedNamingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
        assertTrue(refused.getMessage().contains("'-1s'"), refused.getMessage());
    }
}
