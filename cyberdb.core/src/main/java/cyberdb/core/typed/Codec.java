package cyberdb.core.typed;

/**
 * Converts between the values a typed table shows its user and the stored values of the
 * engine (see {@link cyberdb.core.value.Values}).
 *
 * @param <T> the user-facing type
 */
public interface Codec<T> {

    /**
     * Converts a user value for storage.
     *
     * @param value the value
     * @return its stored form
     * @throws cyberdb.api.ValueNotStorableException if it cannot be stored
     */
    Object encode(T value);

    /**
     * Converts a stored value for the user.
     *
     * @param stored the stored form
     * @return a value the caller owns
     * @throws cyberdb.api.WrongValueKindException if the stored value does not map to {@code T}
     */
    T decode(Object stored);

    /**
     * Converts an object a caller looks up with ({@code containsKey}, {@code indexOf}...), which
     * may be of any type.
     *
     * @param value the object
     * @return its stored form, or {@link cyberdb.core.value.Values#ABSENT} if no stored value
     *         of this table can equal it
     */
    Object encodeQuery(Object value);
}
