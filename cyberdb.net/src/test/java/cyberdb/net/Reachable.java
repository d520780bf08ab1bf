package cyberdb.net;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Walks the objects reachable from one of ours through the fields of CyberDB's classes, to find
 * a secret kept where it should not be: as a string, its characters, or its UTF-8 bytes.
 */
final class Reachable {

    private Reachable() {
    }

    static boolean holds(Object root, String secret) throws IllegalAccessException {
        char[] characters = secret.toCharArray();
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof String text && text.contains(secret)
                    || current instanceof char[] chars && Arrays.equals(chars, characters)
                    || current instanceof byte[] raw && Arrays.equals(raw, bytes)) {
                return true;
            }
            Class<?> type = current.getClass();
            if (type.isArray() && !type.getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(current); i++) {
                    Object element = Array.get(current, i);
                    if (element != null) {
                        pending.push(element);
                    }
                }
            }
            if (!type.getName().startsWith("cyberdb.")) {
                continue;
            }
            for (Class<?> c = type; c != null && c.getName().startsWith("cyberdb."); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    field.setAccessible(true);
                    Object value = field.get(current);
                    if (value != null) {
                        pending.push(value);
                    }
                }
            }
        }
        return false;
    }
}
