package dev.rivulet.assets.internal;

import dev.rivulet.assets.internal.catalog.ApiBridge;
import dev.rivulet.assets.internal.write.ResolvedAsset;
import dev.rivulet.assets.internal.storage.Layout;
import dev.rivulet.TaskOptions;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactFormat;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.assets.Asset;
import dev.rivulet.assets.AssetException;
import dev.rivulet.assets.AssetOptions;
import dev.rivulet.extension.TaskInvocation;
import dev.rivulet.extension.TaskType;
import java.lang.reflect.Method;
import java.util.List;

/** Makes {@link Asset} methods tasks whose runs materialise their artifacts. */
public final class AssetTaskType implements TaskType {

    /** The root of assets run by a Rivulet given none: {@link ArtifactRoot#fromEnvironment()}, made once. */
    private static final class DefaultRoot {
        static final ArtifactRoot ROOT = ArtifactRoot.fromEnvironment();
    }

    @Override
    public Class<Asset> annotation() {
        return Asset.class;
    }

    @Override
    public Definition define(Method method, List<String> parameterNames, TaskOptions taskOptions) {
        if (method.getReturnType() != Artifact.class) {
            throw new IllegalArgumentException("an asset returns Artifact, not " + method.getReturnType().getSimpleName()
                    + ": its body returns what to write (Artifact.ofRecords(...), Artifact.ofBatches(...)) and its caller gets "
                    + "the written artifact");
        }
        AssetOptions annotated = AssetOptions.of(method.getAnnotation(Asset.class));
        resolve(annotated, parameterNames, null);  // the templates and the format are checked now
        String runName = annotated.name().orElse(annotated.path().orElseThrow());
        TaskOptions options = taskOptions.name().isPresent() ? taskOptions
                : TaskOptions.newBuilder().name(runName).build().withDefaults(taskOptions);
        return new Definition(options, invocation -> run(annotated, invocation));
    }

    private static Object run(AssetOptions annotated, TaskInvocation invocation) throws Throwable {
        AssetOptions options = invocation.options().extension(AssetOptions.class).map(own -> own.withDefaults(annotated)).orElse(annotated);
        ResolvedAsset asset = resolve(options, invocation.parameterNames(), invocation.arguments());
        ArtifactRoot root = invocation.component(ArtifactRoot.class).orElseGet(() -> DefaultRoot.ROOT);
        return ApiBridge.catalog(root).materialize(asset, invocation);
    }

    /**
     * The asset of a call with {@code arguments}; with null arguments, only checks the templates
     * (placeholders filled with a plain word) and returns null where the format is an argument's.
     */
    static ResolvedAsset resolve(AssetOptions options, List<String> parameterNames, List<Object> arguments) {
        String pathTemplate = options.path().orElseThrow(() -> new IllegalArgumentException("an asset needs a path"));
        PathTemplate path = new PathTemplate(pathTemplate, parameterNames, "path");
        PathTemplate name = options.name().map(template -> new PathTemplate(template, parameterNames, "name")).orElse(path);
        List<Object> values = arguments != null ? arguments : parameterNames.stream().<Object>map(p -> "x").toList();
        String resolvedPath = path.fill(values);
        String escape = Layout.escapes(resolvedPath);
        if (escape != null) {
            String message = "asset path '" + pathTemplate + "' resolves to '" + resolvedPath + "', which is refused: " + escape
                    + "; an asset's path stays under its artifacts root";
            throw arguments == null ? new IllegalArgumentException(message) : new AssetException(message);
        }
        String lastSegment = pathTemplate.substring(pathTemplate.lastIndexOf('/') + 1);
        if (arguments == null && options.format().isEmpty() && lastSegment.contains("{")) {
            return null;  // the extension comes from an argument: known at the call
        }
        ArtifactFormat format = options.format().map(ArtifactFormat::named)
                .or(() -> ArtifactFormat.ofPath(resolvedPath))
                .orElseThrow(() -> {
                    String message = "the format of asset path '" + resolvedPath + "' is not known: end it with .json, .jsonl, "
                            + ".ndjson or .parquet, or set format";
                    return arguments == null ? new IllegalArgumentException(message) : new AssetException(message);
                });
        return new ResolvedAsset(name.fill(values), resolvedPath, format, options.cacheExpiration().orElse(null),
                options.snapshotArtifacts().orElse(false), JsonColumns.byName(options.jsonColumns().orElse(List.of())),
                options.jsonDateFormat().orElse(null), options.jsonTimestampFormat().orElse(null));
    }
}
