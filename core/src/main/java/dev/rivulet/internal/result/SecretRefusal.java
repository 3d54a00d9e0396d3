package dev.rivulet.internal.result;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.rivulet.result.SerializationException;
import dev.rivulet.secret.Secret;

/**
 * Why no serializer writes a {@link Secret}: results are stored where others can read them. Each
 * serializer turns its own failure on a secret into {@link #refused}, which names the secret, never its value.
 */
final class SecretRefusal {

    private SecretRefusal() {}

    /** The failure of {@code serializer} writing {@code value}, which is or holds {@code secret} ("secret DB_PASS"). */
    static SerializationException refused(String serializer, Object value, String secret, Throwable cause) {
        String holder = value instanceof Secret ? "is " : "holds ";
        return new SerializationException(serializer + " does not write a " + value.getClass().getName() + ": it " + holder + secret
                + ", and results are stored where others can read them; return what the task derived from the secret, not the secret",
                cause);
    }

    /** A Jackson module whose serializer for {@link Secret} fails with {@link Refused}. */
    static SimpleModule jacksonModule() {
        return new SimpleModule("rivulet-secret-refusal").addSerializer(Secret.class, new StdSerializer<>(Secret.class) {
            @Override
            public void serialize(Secret secret, JsonGenerator generator, SerializerProvider provider) throws Refused {
                throw new Refused(generator, secret.name());
            }
        });
    }

    /** Jackson's failure on a secret: it carries the secret's name and no value. */
    static final class Refused extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        private final String secretName;

        Refused(JsonGenerator generator, String secretName) {
            super(generator, "secret " + secretName + " is never written");
            this.secretName = secretName;
        }

        String secretName() {
            return secretName;
        }
    }
}
