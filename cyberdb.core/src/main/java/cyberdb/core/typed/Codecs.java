package cyberdb.core.typed;

import cyberdb.api.ValueNotStorableException;
import cyberdb.api.WrongValueKindException;
import cyberdb.core.value.Blob;
import cyberdb.core.value.Values;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the codec for a type: direct conversions for the value model's own types, JSON-B for
 * everything else (records, POJOs, generic collections).
 */
public final class Codecs {

    private static final Codec<Object> PLAIN = new Codec<>() {
        @Override
        public Object encode(Object value) {
            return Values.toStored(value);
        }

        @Override
        public Object decode(Object stored) {
            return Values.toUser(stored);
        }

        @Override
        public Object encodeQuery(Object value) {
            try {
                return Values.toStored(value);
            } catch (ValueNotStorableException notStorable) {
                return Values.ABSENT;
            }
        }
    };

    private static final Map<Type, Codec<?>> SCALARS = Map.ofEntries(
            scalar(String.class, String.class, s -> s, s -> s),
            scalar(Long.class, Long.class, l -> l, l -> l),
            scalar(Integer.class, Long.class, Integer::longValue, l -> narrow(l, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue()),
            scalar(Short.class, Long.class, Short::longValue, l -> narrow(l, Short.MIN_VALUE, Short.MAX_VALUE).shortValue()),
            scalar(Byte.class, Long.class, Byte::longValue, l -> narrow(l, Byte.MIN_VALUE, Byte.MAX_VALUE).byteValue()),
            scalar(Double.class, Double.class, d -> d, d -> d),
            scalar(Float.class, Double.class, Float::doubleValue, Double::floatValue),
            scalar(Boolean.class, Boolean.class, b -> b, b -> b),
            scalar(byte[].class, Blob.class, Blob::copyOf, Blob::toByteArray));

    private Codecs() {
    }

    /**
     * Returns the codec that stores values of {@code type}.
     *
     * @param type a class or a generic type; {@code Object} means the plain value model
     * @param <T>  the type
     * @return the codec
     */
    @SuppressWarnings("unchecked")
    public static <T> Codec<T> of(Type type) {
        if (type == Object.class) {
            return (Codec<T>) PLAIN;
        }
        Type boxed = type instanceof Class<?> c && c.isPrimitive() ? box(c) : type;
        Codec<?> scalar = SCALARS.get(boxed);
        return (Codec<T>) (scalar != null ? scalar : new JsonbCodec<>(type));
    }

    private static Type box(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    private static Long narrow(Long value, long min, long max) {
        if (value < min || value > max) {
            throw new WrongValueKindException("Stored integer " + value + " does not fit the table's type (range "
                    + min + " to " + max + "); open the table with Long values.");
        }
        return value;
    }

    private static <T, S> Map.Entry<Type, Codec<?>> scalar(Class<T> type, Class<S> storedType,
                                                        Function<T, Object> encoder, Function<S, T> decoder) {
        return Map.entry(type, new Codec<T>() {
            @Override
            public Object encode(T value) {
                return value == null ? null : encoder.apply(value);
            }

            @Override
            public T decode(Object stored) {
                if (stored == null) {
                    return null;
                }
                if (!storedType.isInstance(stored)) {
                    throw new WrongValueKindException("Stored " + Values.kindOf(stored) + " " + stored
                            + " is not a " + type.getSimpleName() + "; open the table with the type it holds, or plain.");
                }
                return decoder.apply(storedType.cast(stored));
            }

            @Override
            public Object encodeQuery(Object value) {
                return value == null || type.isInstance(value) ? encode(type.cast(value)) : Values.ABSENT;
            }
        });
    }
}
