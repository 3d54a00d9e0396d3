package dev.rivulet.secret;

import java.util.List;

/** A secret that none of the providers asked has; the message names it and every place tried. */
public final class MissingSecretException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The name of the secret not found. */
    private final String secretName;
    /** Where it was looked for. */
    private final List<String> placesTried;

    MissingSecretException(String secretName, List<String> placesTried) {
        super("secret " + secretName + " was not found; looked in: " + String.join(", ", placesTried)
                + ". Set it in one of these places");
        this.secretName = secretName;
        this.placesTried = List.copyOf(placesTried);
    }

    /**
     * The name of the missing secret.
     *
     * @return the name
     */
    public String secretName() {
        return secretName;
    }

    /**
     * Where it was looked for, in the order asked.
     *
     * @return each provider's description of its place for the secret
     */
    public List<String> placesTried() {
        return placesTried;
    }
}
