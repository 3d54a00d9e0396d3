package dev.rivulet.assets;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a task interface as a data asset: its output is persisted as a file, the
 * artifact, at a templated path under an {@link ArtifactRoot}, and a call returns the {@link
 * Artifact} handle, not the data.
 *
 * {@snippet file="dev/rivulet/assets/snippets/AssetSnippetsTest.java" region="asset"}
 *
 * <p>The method returns {@code Artifact}: its body returns what to write ({@link Artifact#ofRecords},
 * {@link Artifact#ofBatches}, ...), its caller gets the materialised artifact. A call is a task run
 * like any other: {@code @Task} beside {@code @Asset} sets its retries, timeout and caching; its
 * record carries the artifact ({@link dev.rivulet.history.TaskRunRecord#artifact()}). Every
 * attribute has a programmatic twin in {@link AssetOptions}, which {@link AssetCall#withOptions}
 * applies to one call.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Asset {

    /**
     * Where the artifact goes, relative to the artifacts root, with {@code {parameter}}
     * placeholders filled from the call's arguments: {@code "bronze/orders/{region}.parquet"}. A
     * path that would leave the root (an absolute path, a {@code ..} segment, an argument holding
     * one) is refused.
     *
     * @return the path template
     */
    String path();

    /**
     * The asset's name, a template like {@link #path()}; by default the resolved path. Queries
     * refer to other assets by it ({@code {asset:orders-eu}}) and task runs are named after it.
     *
     * @return the name template, empty for the resolved path
     */
    String name() default "";

    /**
     * The file format, {@code json} (JSON lines) or {@code parquet}; by default the path's
     * extension says ({@code .json}, {@code .jsonl}, {@code .ndjson} or {@code .parquet}).
     *
     * @return the format, empty to follow the extension
     */
    String format() default "";

    /**
     * How long an artifact stays good: a call within this time of the last materialisation
     * returns that artifact without running the body, provided the file is still there with its
     * recorded size (or ETag). ISO-8601 or {@code "1h"}, {@code "30m"}; empty for never. A change of
     * the method's code is not noticed within the period unless {@code @Task} also sets a cache
     * policy.
     *
     * @return the expiration, empty for none
     */
    String cacheExpiration() default "";

    /**
     * Whether each materialisation is also kept as a dated snapshot, {@code
     * _snapshots/<path>/<yyyy>/<MM>/<dd>/<UTC timestamp>.<ext>}, for audit and rollback.
     *
     * @return {@code true} to keep snapshots
     */
    boolean snapshotArtifacts() default false;

    /**
     * Column types for reading a JSON artifact back, as {@code "name TYPE"} with a DuckDB type,
     * such as {@code "ordered_at TIMESTAMP"}; columns not listed keep the inferred type.
     *
     * @return the columns, none by default
     */
    String[] jsonColumns() default {};

    /**
     * The format of dates in a JSON artifact, as DuckDB's {@code strptime} reads it ({@code
     * "%d/%m/%Y"}), for columns given as {@code DATE}; empty for ISO dates.
     *
     * @return the date format
     */
    String jsonDateFormat() default "";

    /**
     * The format of timestamps in a JSON artifact ({@code "%d/%m/%Y %H:%M"}), for columns given as
     * {@code TIMESTAMP}; empty for ISO timestamps.
     *
     * @return the timestamp format
     */
    String jsonTimestampFormat() default "";
}
