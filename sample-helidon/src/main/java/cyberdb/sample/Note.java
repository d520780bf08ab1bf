package cyberdb.sample;

/**
 * A note, stored as a record in a typed dict.
 *
 * @param title the title, required
 * @param body  the text, may be empty
 */
public record Note(String title, String body) {
}
