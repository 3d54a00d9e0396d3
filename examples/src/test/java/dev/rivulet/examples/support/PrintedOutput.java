package dev.rivulet.examples.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What an example prints, captured for its test and printed on as well, for the test's log. */
public final class PrintedOutput {

    private PrintedOutput() {}

    /** A piece of an example that may throw. */
    public interface Body {
        void run() throws Exception;
    }

    /** What {@code body} prints on standard output. */
    public static String printed(Body body) throws Exception {
        return capture(body, false);
    }

    /** What {@code body} prints on standard output and standard error, where slf4j-simple logs, in the order printed. */
    public static String printedAndLogged(Body body) throws Exception {
        return capture(body, true);
    }

    private static String capture(Body body, boolean withStandardError) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream outToo = new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8);
                PrintStream errToo = new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8)) {
            System.setOut(outToo);
            if (withStandardError) {
                System.setErr(errToo);
            }
            body.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
