package dev.rivulet.internal.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A SHA-256 hash of a method's code, for cache policy {@code TASK_SOURCE}: editing the body changes
 * it, editing the rest of the class does not. The hash covers the method's bytecode with every
 * constant pool reference resolved to the constant it names, its exception handlers, and the code of
 * the private methods of the same class it reaches, through calls or method handles, recursively:
 * lambda bodies, which javac puts in private synthetic methods, and private helpers.
 *
 * <p>The class file is read, through the declaring class's loader, the first time a method of the
 * class is hashed, and the hashes are kept per class; line numbers, local variable names and other
 * debugging attributes are not part of them, so moving the method within its file changes nothing.
 *
 * <p>Code outside the hash, whose edits go unseen: methods of other classes, including the nested
 * and enclosing ones, non-private methods of the same class, bodies of anonymous and local classes,
 * and initializers of fields the method reads (compile-time constants are inlined, so they count).
 * References to the class itself carry its name, so renaming the class can change the hash; so can
 * adding an anonymous class above an enum {@code switch} in the same file, which renames the
 * synthetic class javac keeps the switch's table in.
 */
public final class BytecodeHash {

    private static final ClassValue<ClassHashes> BY_CLASS = new ClassValue<>() {
        @Override
        protected ClassHashes computeValue(Class<?> type) {
            return new ClassHashes(type);
        }
    };

    private BytecodeHash() {}

    /**
     * The hash of {@code method}'s code as 64 lower-case hex digits.
     *
     * @throws IllegalStateException if the declaring class has no class file its loader can find,
     *     as for classes made at run time
     * @throws IllegalArgumentException if the method is abstract or native
     */
    public static String of(Method method) {
        return BY_CLASS.get(method.getDeclaringClass()).hash(method);
    }

    /** The parsed class file of one class, or null where it has none, and the hashes of its methods made so far. */
    private static final class ClassHashes {

        private final ClassFile classFile;
        private final Map<String, String> hashes = new ConcurrentHashMap<>();

        ClassHashes(Class<?> type) {
            classFile = type.isHidden() ? null : read(type);
        }

        String hash(Method method) {
            String descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
            return hashes.computeIfAbsent(method.getName() + descriptor, key -> {
                if (classFile == null) {
                    throw new IllegalStateException("Cache policy TASK_SOURCE hashes the class file of a task's code, and "
                            + method.getDeclaringClass().getName() + " has none that its class loader can find (a class made at run time?): "
                            + method + ". Choose another cache policy for this task, or declare the method in a compiled class.");
                }
                ClassFile.MethodInfo info = classFile.method(method.getName(), descriptor);
                if (info == null) {
                    throw new IllegalStateException("The class file found for " + method.getDeclaringClass().getName()
                            + " does not declare " + method + "; is an older copy of the class on the class path?");
                }
                if (info.code() == null) {
                    throw new IllegalArgumentException(method + " has no code to hash: it is abstract or native."
                            + " Hash the method that carries it out.");
                }
                return CodeHasher.hash(classFile, info);
            });
        }

        private static ClassFile read(Class<?> type) {
            String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
            try (InputStream in = type.getResourceAsStream(resource)) {
                return in == null ? null : ClassFile.parse(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + " for " + type.getName(), e);
            }
        }
    }
}
