/**
 * Secrets: values such as passwords and hosts that a flow needs but that must never be written
 * anywhere, and where they are found.
 *
 * <p>A {@link dev.rivulet.secret.Secret} carries its value to the code that uses it and shows only
 * its name everywhere else; {@link dev.rivulet.secret.Secrets} finds secrets by name through an
 * ordered chain of {@link dev.rivulet.secret.SecretProvider}s.
 */
package dev.rivulet.secret;
