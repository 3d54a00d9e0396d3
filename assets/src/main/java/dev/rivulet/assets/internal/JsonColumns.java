package dev.rivulet.assets.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Column types given for reading JSON artifacts back: {@code "name TYPE"}. */
public final class JsonColumns {

    private static final Pattern COLUMN = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+([A-Za-z][A-Za-z0-9_ ,()\\[\\]]*?)\\s*");

    private JsonColumns() {}

    /**
     * Checks one column: a plain name and a type made of letters, digits, spaces, commas,
     * parentheses and brackets ({@code DECIMAL(10, 2)}, {@code VARCHAR[]}), nothing that could end
     * the SQL it goes into.
     */
    public static String check(String column) {
        if (!COLUMN.matcher(column).matches()) {
            throw new IllegalArgumentException("jsonColumns entry '" + column + "' is not a column name and a DuckDB type, "
                    + "such as \"ordered_at TIMESTAMP\"");
        }
        return column.strip();
    }

    /** The given columns by name. */
    static Map<String, String> byName(List<String> columns) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String column : columns) {
            Matcher matcher = COLUMN.matcher(column);
            if (matcher.matches()) {
                types.put(matcher.group(1), matcher.group(2));
            }
        }
        return types;
    }
}
