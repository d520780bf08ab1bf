package cyberdb.engine;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** Captures a generic type in a test: {@code new TypeOf<List<Address>>() {}.type()}. */
abstract class TypeOf<T> {
    Type type() {
        return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
    }
}
