package dev.rivulet;

import java.util.ArrayList;
import java.util.List;

/** The Rivulets a test opened, closed after it ({@code @AutoClose}): open each through {@link #add}. */
final class OpenedRivulets implements AutoCloseable {

    private final List<Rivulet> opened = new ArrayList<>();

    Rivulet add(Rivulet rivulet) {
        opened.add(rivulet);
        return rivulet;
    }

    @Override
    public void close() {
        opened.forEach(Rivulet::close);
    }
}
