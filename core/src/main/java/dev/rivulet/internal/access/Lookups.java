package dev.rivulet.internal.access;

import java.lang.invoke.MethodHandles;

/**
 * Lookups into user types. On the class path every lookup succeeds; when Rivulet and the user's
 * code are named modules, Rivulet first makes its module read the user's (a named module reads
 * only what it requires, and a lookup needs readability), and a private lookup needs the type's
 * package to be open to Rivulet: {@link #openHint(Class)} says how.
 */
public final class Lookups {

    private static final Module RIVULET = Lookups.class.getModule();

    private Lookups() {}

    /**
     * A lookup with private access into {@code type}.
     *
     * @throws IllegalAccessException if {@code type}'s package is not open to Rivulet
     */
    public static MethodHandles.Lookup privateLookupIn(Class<?> type) throws IllegalAccessException {
        readable(type);
        return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    }

    /**
     * A lookup with private access into {@code type} when its package is open to Rivulet, else one
     * that reaches its public members when its package is exported.
     */
    public static MethodHandles.Lookup lookupIn(Class<?> type) {
        try {
            return privateLookupIn(type);
        } catch (IllegalAccessException e) {
            return MethodHandles.lookup();
        }
    }

    /**
     * What to write so that Rivulet may look into {@code type}: for a type of a named module, the
     * {@code opens} line its {@code module-info.java} needs; on the class path, a note that nothing
     * should have stopped it.
     */
    public static String openHint(Class<?> type) {
        Module module = type.getModule();
        if (!module.isNamed()) {
            return "Rivulet could not look into " + type.getName() + " although it is on the class path";
        }
        return "add 'opens " + type.getPackageName() + " to " + RIVULET.getName() + ";' to the module-info.java of module "
                + module.getName();
    }

    private static void readable(Class<?> type) {
        Module module = type.getModule();
        if (!RIVULET.canRead(module)) {
            RIVULET.addReads(module);
        }
    }
}
