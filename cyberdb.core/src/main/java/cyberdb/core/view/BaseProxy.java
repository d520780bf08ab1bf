package cyberdb.core.view;

import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.TableKind;
import cyberdb.core.typed.Codec;
import cyberdb.core.typed.Codecs;
import cyberdb.core.value.Values;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The part of a {@link CyberProxy} that does not depend on where the tables live: the typed
 * and plain overloads, and encoding initial content before anything is created. Subclasses
 * supply the backends and the table catalogue.
 */
public abstract class BaseProxy implements CyberProxy {

    /**
     * Checks that a table exists and has the kind wanted, so that opening fails early and clearly.
     *
     * @param name the table name
     * @param kind the kind wanted
     * @throws cyberdb.api.NoSuchTableException    if there is no such table
     * @throws cyberdb.api.WrongTableKindException if it has the other kind
     */
    protected abstract void checkTable(String name, TableKind kind);

    /**
     * Binds a dict's operations to this proxy, without checking the table.
     *
     * @param name the table name
     * @return its backend
     */
    protected abstract DictBackend dictBackend(String name);

    /**
     * Binds a list's operations to this proxy, without checking the table.
     *
     * @param name the table name
     * @return its backend
     */
    protected abstract ListBackend listBackend(String name);

    /**
     * Creates a table with initial stored content, atomically: either all of it exists
     * afterwards or none.
     *
     * @param name    the table name
     * @param kind    dict or list
     * @param entries the dict's stored entries (empty for a list)
     * @param elements the list's stored elements (empty for a dict)
     * @throws cyberdb.api.TableExistsException if the name is taken
     */
    protected abstract void create(String name, TableKind kind, SequencedMap<Object, Object> entries, List<Object> elements);

    @Override
    public CyberDict<Object, Object> createDict(String name) {
        return createDict(name, Map.of());
    }

    @Override
    public CyberDict<Object, Object> createDict(String name, Map<?, ?> content) {
        SequencedMap<Object, Object> entries = LinkedHashMap.newLinkedHashMap(content.size());
        content.forEach((k, v) -> entries.put(Values.keyToStored(k), Values.toStored(v)));
        create(name, TableKind.DICT, entries, List.of());
        return new DictView<>(dictBackend(name), Codecs.of(Object.class), Codecs.of(Object.class));
    }

    @Override
    public <K, V> CyberDict<K, V> createDict(String name, Class<K> keyType, Class<V> valueType) {
        return createDict(name, (Type) keyType, (Type) valueType);
    }

    @Override
    public <K, V> CyberDict<K, V> createDict(String name, Type keyType, Type valueType) {
        Codec<K> keys = Codecs.of(keyType);
        Codec<V> values = Codecs.of(valueType);
        create(name, TableKind.DICT, new LinkedHashMap<>(), List.of());
        return new DictView<>(dictBackend(name), keys, values);
    }

    @Override
    public CyberList<Object> createList(String name) {
        return createList(name, List.of());
    }

    @Override
    public CyberList<Object> createList(String name, Collection<?> content) {
        List<Object> elements = new ArrayList<>(content.size());
        content.forEach(e -> elements.add(Values.toStored(e)));
        create(name, TableKind.LIST, new LinkedHashMap<>(), elements);
        return new ListView<>(listBackend(name), Codecs.of(Object.class));
    }

    @Override
    public <E> CyberList<E> createList(String name, Class<E> elementType) {
        return createList(name, (Type) elementType);
    }

    @Override
    public <E> CyberList<E> createList(String name, Type elementType) {
        Codec<E> codec = Codecs.of(elementType);
        create(name, TableKind.LIST, new LinkedHashMap<>(), List.of());
        return new ListView<>(listBackend(name), codec);
    }

    @Override
    public CyberDict<Object, Object> dict(String name) {
        return dict(name, Object.class, Object.class);
    }

    @Override
    public <K, V> CyberDict<K, V> dict(String name, Class<K> keyType, Class<V> valueType) {
        return dict(name, (Type) keyType, (Type) valueType);
    }

    @Override
    public <K, V> CyberDict<K, V> dict(String name, Type keyType, Type valueType) {
        Codec<K> keys = Codecs.of(keyType);
        Codec<V> values = Codecs.of(valueType);
        checkTable(name, TableKind.DICT);
        return new DictView<>(dictBackend(name), keys, values);
    }

    @Override
    public CyberList<Object> list(String name) {
        return list(name, Object.class);
    }

    @Override
    public <E> CyberList<E> list(String name, Class<E> elementType) {
        return list(name, (Type) elementType);
    }

    @Override
    public <E> CyberList<E> list(String name, Type elementType) {
        Codec<E> codec = Codecs.of(elementType);
        checkTable(name, TableKind.LIST);
        return new ListView<>(listBackend(name), codec);
    }
}
