package dev.rivulet.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A value that must never be shown: a password, a token, a database host. Its {@link #toString()}
 * is its name ({@code Secret[DB_PASS]}), so logging it, putting it in a message or printing a run's
 * parameters shows which secret was used, never its value; the value comes out only through {@link
 * #reveal()}, at the place that needs it (a JDBC connection, an HTTP header).
 *
 * <p>What Rivulet does with secrets:
 * <ul>
 *   <li>they are left out of cache keys (a key is stored where others can read it, and hashing a
 *       password would let anyone test guesses against it): a task whose result depends on a secret's
 *       value must say so through its other arguments or a key function;
 *   <li>run records, recorded parameters and the graph render show their names;
 *   <li>no serializer writes one: a task that returns a secret, or a value holding one, fails
 *       naming it; return what you derived from the secret instead.
 * </ul>
 *
 * <p>Two secrets are equal when their names and values are; the comparison of values takes the
 * same time whatever they hold. A secret is not {@link java.io.Serializable}.
 *
 * {@snippet file="dev/rivulet/snippets/SecretSnippetsTest.java" region="use"}
 */
public final class Secret {

    private final String name;
    private final String value;

    private Secret(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * A secret named {@code name} holding {@code value}.
     *
     * @param name what the secret is called where it is shown instead of its value: {@code DB_PASS}
     * @param value the value; may be empty, not null
     * @return the secret
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Secret of(String name, String value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a secret needs a name, to be shown instead of its value");
        }
        return new Secret(name, Objects.requireNonNull(value, () -> "the value of secret " + name));
    }

    /**
     * The secret's name, as shown instead of its value.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The value: call it where the value is used, and do not keep, log or return what it gives.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /**
     * Whether {@code other} is a secret of the same name and value, compared in a time that does not
     * depend on where the values differ.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && name.equals(that.name)
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    /** A hash of the name alone, so that hash tables of secrets tell nothing of their values. */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** {@code Secret[NAME]}: the name, never the value. */
    @Override
    public String toString() {
        return "Secret[" + name + "]";
    }
}
