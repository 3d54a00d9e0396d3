package dev.rivulet.assets;

import dev.rivulet.TaskCall;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskOptions;
import dev.rivulet.Tasks;
import dev.rivulet.function.Func0;
import dev.rivulet.function.Func1;
import dev.rivulet.function.Func2;
import dev.rivulet.function.Func3;
import dev.rivulet.function.Func4;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An asset bound to arguments and options, not run yet: the same asset can be bound again to
 * other arguments ({@link #withArguments}: its path and name templates are filled anew) or other
 * options ({@link #withOptions}: another path, format, expiration or snapshots), then called.
 *
 * {@snippet file="dev/rivulet/assets/snippets/AssetSnippetsTest.java" region="bind"}
 *
 * <p>Immutable: each {@code with...} returns a new call. Calls made inside a flow are task runs of
 * that flow, as direct calls of the asset method are.
 */
public final class AssetCall {

    private final Object function;
    private final List<Object> arguments;
    private final AssetOptions options;

    private AssetCall(Object function, List<Object> arguments, AssetOptions options) {
        this.function = function;
        this.arguments = arguments;
        this.options = options;
    }

    /**
     * Binds an asset without parameters.
     *
     * @param asset a reference to an {@link Asset} method of a stub, {@code pipeline::regions}
     * @return the bound asset
     */
    public static AssetCall of(Func0<Artifact> asset) {
        return new AssetCall(Objects.requireNonNull(asset, "asset"), List.of(), AssetOptions.empty());
    }

    /**
     * Binds an asset to its argument.
     *
     * @param <A> the parameter's type
     * @param asset a reference to an {@link Asset} method of a stub, {@code pipeline::orders}
     * @param a the argument
     * @return the bound asset
     */
    public static <A> AssetCall of(Func1<A, Artifact> asset, A a) {
        return new AssetCall(Objects.requireNonNull(asset, "asset"), Arrays.asList(a), AssetOptions.empty());
    }

    /**
     * Binds an asset to its arguments.
     *
     * @param <A> the first parameter's type
     * @param <B> the second parameter's type
     * @param asset a reference to an {@link Asset} method of a stub
     * @param a the first argument
     * @param b the second argument
     * @return the bound asset
     */
    public static <A, B> AssetCall of(Func2<A, B, Artifact> asset, A a, B b) {
        return new AssetCall(Objects.requireNonNull(asset, "asset"), Arrays.asList(a, b), AssetOptions.empty());
    }

    /**
     * Binds an asset to its arguments.
     *
     * @param <A> the first parameter's type
     * @param <B> the second parameter's type
     * @param <C> the third parameter's type
     * @param asset a reference to an {@link Asset} method of a stub
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @return the bound asset
     */
    public static <A, B, C> AssetCall of(Func3<A, B, C, Artifact> asset, A a, B b, C c) {
        return new AssetCall(Objects.requireNonNull(asset, "asset"), Arrays.asList(a, b, c), AssetOptions.empty());
    }

    /**
     * Binds an asset to its arguments.
     *
     * @param <A> the first parameter's type
     * @param <B> the second parameter's type
     * @param <C> the third parameter's type
     * @param <D> the fourth parameter's type
     * @param asset a reference to an {@link Asset} method of a stub
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param d the fourth argument
     * @return the bound asset
     */
    public static <A, B, C, D> AssetCall of(Func4<A, B, C, D, Artifact> asset, A a, B b, C c, D d) {
        return new AssetCall(Objects.requireNonNull(asset, "asset"), Arrays.asList(a, b, c, d), AssetOptions.empty());
    }

    /**
     * The same asset bound to other arguments, as many as it takes.
     *
     * @param arguments the arguments, of the parameters' types
     * @return the new call
     * @throws IllegalArgumentException if their number is not the asset's
     */
    public AssetCall withArguments(Object... arguments) {
        if (arguments.length != this.arguments.size()) {
            throw new IllegalArgumentException("the asset takes " + this.arguments.size() + " argument(s), and "
                    + arguments.length + " were given");
        }
        return new AssetCall(function, Arrays.asList(arguments.clone()), options);
    }

    /**
     * The same asset with other options, on top of those given before and of the annotation's.
     *
     * @param options the options to change, such as another path
     * @return the new call
     */
    public AssetCall withOptions(AssetOptions options) {
        return new AssetCall(function, arguments, options.withDefaults(this.options));
    }

    /** {@return the arguments the asset is bound to} */
    public List<Object> arguments() {
        return java.util.Collections.unmodifiableList(arguments);
    }

    /** {@return the options given with {@link #withOptions}, on top of the annotation's} */
    public AssetOptions options() {
        return options;
    }

    /**
     * Runs the asset (or reuses its artifact, as its expiration allows) and returns the artifact.
     *
     * @return the written artifact
     * @throws dev.rivulet.TaskFailedException if the asset's run failed
     * @throws ClassCastException if an argument given to {@link #withArguments} is not of its parameter's type
     */
    @SuppressWarnings("unchecked")
    public Artifact call() {
        TaskCall call = Tasks.with(TaskOptions.newBuilder().extension(options).build());
        return switch (arguments.size()) {
            case 0 -> call.call((Func0<Artifact>) function);
            case 1 -> call.call((Func1<Object, Artifact>) function, arguments.get(0));
            case 2 -> call.call((Func2<Object, Object, Artifact>) function, arguments.get(0), arguments.get(1));
            case 3 -> call.call((Func3<Object, Object, Object, Artifact>) function, arguments.get(0), arguments.get(1), arguments.get(2));
            default -> call.call((Func4<Object, Object, Object, Object, Artifact>) function, arguments.get(0), arguments.get(1),
                    arguments.get(2), arguments.get(3));
        };
    }

    /**
     * Submits the asset's run to the task runner of the current flow (or the default one).
     *
     * @return the future of its artifact
     */
    @SuppressWarnings("unchecked")
    public TaskFuture<Artifact> submit() {
        TaskCall call = Tasks.with(TaskOptions.newBuilder().extension(options).build());
        return switch (arguments.size()) {
            case 0 -> call.submit((Func0<Artifact>) function);
            case 1 -> call.submit((Func1<Object, Artifact>) function, arguments.get(0));
            case 2 -> call.submit((Func2<Object, Object, Artifact>) function, arguments.get(0), arguments.get(1));
            case 3 -> call.submit((Func3<Object, Object, Object, Artifact>) function, arguments.get(0), arguments.get(1), arguments.get(2));
            default -> call.submit((Func4<Object, Object, Object, Object, Artifact>) function, arguments.get(0), arguments.get(1),
                    arguments.get(2), arguments.get(3));
        };
    }

    @Override
    public String toString() {
        return "AssetCall" + arguments + (options.equals(AssetOptions.empty()) ? "" : " " + options);
    }
}
