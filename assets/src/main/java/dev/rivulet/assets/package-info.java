/**
 * Data assets: {@link dev.rivulet.assets.Asset} methods whose output is persisted as JSON-lines or
 * Parquet artifacts under an {@link dev.rivulet.assets.ArtifactRoot}, written batch by batch,
 * snapshotted, reused within an expiration, bound to other arguments ({@link
 * dev.rivulet.assets.AssetCall}) and queried with DuckDB SQL ({@link dev.rivulet.assets.AssetQuery})
 * straight over the files. See the assets page of the documentation.
 */
package dev.rivulet.assets;
