package cyberdb.core.typed;

import cyberdb.api.ValueNotStorableException;
import cyberdb.api.WrongValueKindException;
import cyberdb.core.value.Values;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Stores records and POJOs as the maps and lists JSON-B makes of them, so a plain view of the
 * table reads them as structured data and other languages could too.
 *
 * @param <T> the mapped type
 */
final class JsonbCodec<T> implements Codec<T> {

    /** Jsonb instances are thread-safe and costly to build: one serves every table. */
    private static final class Shared {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    private final Type type;
    private final Class<?> raw;

    JsonbCodec(Type type) {
        this.type = type;
        this.raw = rawClass(type);
    }

    @Override
    public Object encode(T value) {
        if (value == null) {
            return null;
        }
        String json;
        try {
            json = Shared.JSONB.toJson(value, type);
        } catch (JsonbException e) {
            throw new ValueNotStorableException("Cannot map a " + value.getClass().getName() + " to JSON with JSON-B: "
                    + e.getMessage() + ". Give it public accessors or a record shape, and open its package to org.eclipse.yasson.", e);
        }
        return JsonValues.parse(json);
    }

    @Override
    public T decode(Object stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Shared.JSONB.fromJson(JsonValues.write(stored), type);
        } catch (JsonbException | WrongValueKindException e) {
            throw new WrongValueKindException("Stored " + Values.kindOf(stored) + " does not map to " + type.getTypeName()
                    + ": " + e.getMessage() + ". Open the table with the type it holds, or plain to inspect it.", e);
        }
    }

    @Override
    public Object encodeQuery(Object value) {
        if (value != null && !raw.isInstance(value)) {
            return Values.ABSENT;
        }
        try {
            @SuppressWarnings("unchecked")
            T typed = (T) value;
            return encode(typed);
        } catch (ValueNotStorableException notStorable) {
            return Values.ABSENT;
        }
    }

    private static Class<?> rawClass(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> rawClass(p.getRawType());
            case GenericArrayType a -> rawClass(a.getGenericComponentType()).arrayType();
            default -> Object.class;
        };
    }
}
