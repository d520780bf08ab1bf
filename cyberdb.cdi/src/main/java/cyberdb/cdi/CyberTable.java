package cyberdb.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a CyberDB table bound to the current request:
 *
 * {@snippet :
 * @Inject
 * @CyberTable("centre")
 * CyberDict<String, String> centre;
 * }
 *
 * <p>The injected type says the table's kind and types: {@code CyberDict<K, V>} or
 * {@code CyberList<E>}, with any JSON-B-mappable types (records, POJOs, generic collections), or
 * {@code Object} for the plain value model. The table object may be injected anywhere, even
 * into an application-scoped bean: each call goes to the table through the proxy of the request
 * it runs in, and that proxy returns its pooled connection when the request ends.
 *
 * <p>Misuse (an unsupported type, an empty name, a missing table when asked to validate) fails
 * the deployment with a message naming the injection point.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface CyberTable {

    /**
     * The table's name.
     *
     * @return the name
     */
    @Nonbinding
    String value();

    /**
     * Whether to create the table, with the kind the injected type implies, when it is first used
     * and does not exist. Boot checks only that an existing table has that kind, and writes
     * nothing.
     *
     * @return {@code true} to create it
     */
    @Nonbinding
    boolean create() default false;

    /** An instance of the qualifier, for the extension's beans and for programmatic lookup. */
    final class Literal extends AnnotationLiteral<CyberTable> implements CyberTable {
        private static final long serialVersionUID = 1L;

        /** Matches every {@code @CyberTable}, since its members are non-binding. */
        public static final Literal ANY = new Literal("", false);

        private final String value;
        private final boolean create;

        private Literal(String value, boolean create) {
            this.value = value;
            this.create = create;
        }

        /**
         * Creates a qualifier instance.
         *
         * @param value the table name
         * @return the qualifier
         */
        public static Literal of(String value) {
            return new Literal(value, false);
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public boolean create() {
            return create;
        }
    }
}
