package dev.rivulet.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void plainLinesStartAtTheFirstUpdateAndEndWithTheTotal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Progress progress = Progress.start("Copying", 4_000_000, Progress.Unit.BYTES, false, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            progress.update(1_000_000, 4_000_000);
            progress.advance(1_000_000);   // within five seconds of the first line: not printed
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Copying:  25%, 1.0 MB of 4.0 MB, "), lines.get(0));
        assertTrue(lines.get(1).startsWith("Copying:  50%, 2.0 MB of 4.0 MB, "), lines.get(1));
    }

    @Test
    void aBarIsRedrawnInPlaceAndEndsItsLineWhenClosed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Progress progress = Progress.start("Loading", 30, Progress.Unit.ITEMS, true, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            progress.advance(15);
            progress.update(30, 30);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("\rLoading [###############               ]  50%  15 of 30  "), printed);
        assertTrue(printed.contains("\rLoading [##############################] 100%  30 of 30  "), printed);
        assertTrue(printed.endsWith(System.lineSeparator()), printed);
        assertEquals(printed.length() - 1, printed.indexOf('\n'), "a bar stays on one line until it is closed");
    }
}
