package dev.rivulet.assets.internal.query;

import dev.rivulet.assets.ArtifactFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** SQL text for DuckDB: literals quoted, and the readers of artifact files. */
public final class Sql {

    private Sql() {}

    /** A string literal: single quotes, inner ones doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A quoted identifier. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A {@code COPY} of {@code select} into {@code file} in {@code format}: Parquet with zstd, or JSON lines. */
    public static String copyTo(String select, Path file, ArtifactFormat format) {
        String options = format == ArtifactFormat.PARQUET ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT json";
        return "COPY (" + select + ") TO " + literal(file.toString()) + " (" + options + ")";
    }

    static String listOf(List<Path> files) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        files.forEach(file -> list.add(literal(file.toString())));
        return list.toString();
    }

    /** A reader of Parquet files; several are read by column name, one as it is (DuckDB then reads no other file's schema). */
    public static String readParquet(List<Path> files) {
        return files.size() == 1 ? "read_parquet(" + literal(files.get(0).toString()) + ")"
                : "read_parquet(" + listOf(files) + ", union_by_name = true)";
    }

    /**
     * A reader of JSON-lines files with the columns given, so that every file is read with one
     * schema and nothing is guessed from a sample.
     */
    public static String readJson(List<Path> files, Map<String, String> columns, String dateFormat, String timestampFormat) {
        StringBuilder sql = new StringBuilder("read_json(").append(listOf(files)).append(", format = 'newline_delimited'");
        if (!columns.isEmpty()) {
            StringJoiner struct = new StringJoiner(", ", "{", "}");
            columns.forEach((name, type) -> struct.add(literal(name) + ": " + literal(type)));
            sql.append(", columns = ").append(struct);
        }
        if (dateFormat != null) {
            sql.append(", dateformat = ").append(literal(dateFormat));
        }
        if (timestampFormat != null) {
            sql.append(", timestampformat = ").append(literal(timestampFormat));
        }
        return sql.append(')').toString();
    }
}
