package cyberdb.net.metrics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows, where it is right, a call that {@code build/forbidden-apis.txt} forbids everywhere
 * else; the forbidden-apis check recognizes any annotation of this name.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
@interface SuppressForbidden {

    /**
     * Says why the call is right here.
     *
     * @return the reason
     */
    String reason();
}
