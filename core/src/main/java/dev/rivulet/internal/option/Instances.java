package dev.rivulet.internal.option;

import dev.rivulet.InvalidDefinitionException;

/** Objects that annotations name by class (hooks, cache key functions), made through their no-argument constructor. */
public final class Instances {

    private Instances() {}

    /**
     * A new instance of {@code type}, its constructor made accessible if it is not public.
     *
     * @param attribute the annotation attribute that names the class, for the error message
     */
    public static <T> T make(Class<? extends T> type, String attribute) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InvalidDefinitionException(attribute + " class " + type.getName()
                    + " cannot be made: it needs a no-argument constructor (" + e + ")", e);
        }
    }
}
