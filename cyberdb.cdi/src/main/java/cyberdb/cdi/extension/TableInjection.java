package cyberdb.cdi.extension;

import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.TableExistsException;
import cyberdb.api.TableKind;
import cyberdb.cdi.CyberTable;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a {@code @CyberTable} injection point asks for: the table's name and kind, the types its
 * keys, values or elements map to, and whether to create it when it is missing.
 *
 * @param name   the table name
 * @param kind   dict or list
 * @param types  key and value types for a dict, the element type for a list
 * @param create whether a missing table is created on first use
 */
public record TableInjection(String name, TableKind kind, List<Type> types, boolean create) {

    /**
     * Reads an injection point, or explains why it cannot be served.
     *
     * @param point the injection point
     * @return the table it asks for
     * @throws DefinitionException naming the injection point and the problem
     */
    static TableInjection of(InjectionPoint point) {
        CyberTable qualifier = qualifier(point).orElseThrow();
        if (qualifier.value().isBlank()) {
            throw new DefinitionException(problem(point, "the table name is empty; write @CyberTable(\"name\")"));
        }
        Type type = point.getType();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : null;
        TableKind kind = raw == CyberDict.class ? TableKind.DICT : raw == CyberList.class ? TableKind.LIST : null;
        if (kind == null) {
            throw new DefinitionException(problem(point, "@CyberTable injects CyberDict<K, V> or CyberList<E>, not " + type.getTypeName()));
        }
        int arity = kind == TableKind.DICT ? 2 : 1;
        List<Type> types = type instanceof ParameterizedType p
                ? Arrays.asList(p.getActualTypeArguments())
                : Collections.nCopies(arity, Object.class);
        for (Type argument : types) {
            if (argument instanceof WildcardType || argument instanceof TypeVariable<?>) {
                throw new DefinitionException(problem(point, "the type argument " + argument.getTypeName() + " is not concrete; name the"
                        + " types the table holds, or Object for plain values"));
            }
        }
        return new TableInjection(qualifier.value(), kind, List.copyOf(types), qualifier.create());
    }

    static Optional<CyberTable> qualifier(InjectionPoint point) {
        return point.getQualifiers().stream().filter(CyberTable.class::isInstance).map(CyberTable.class::cast).findFirst();
    }

    static String problem(InjectionPoint point, String what) {
        return "Cannot inject @CyberTable at " + describe(point) + ": " + what + ".";
    }

    static String describe(InjectionPoint point) {
        return point.getMember().getDeclaringClass().getName() + "." + point.getMember().getName();
    }

    /** The interface a table of this kind implements. */
    Class<?> interfaceType() {
        return kind == TableKind.DICT ? CyberDict.class : CyberList.class;
    }

    /**
     * Opens the table, creating it first if it is missing and {@link #create()} says so. Creating
     * on first use rather than at boot keeps a boot that fails later (a port in use) from writing
     * to the data file; another client creating it meanwhile is fine.
     */
    Object open(CyberProxy proxy) {
        try {
            return openExisting(proxy);
        } catch (NoSuchTableException missing) {
            if (!create) {
                throw missing;
            }
            try {
                if (kind == TableKind.DICT) {
                    proxy.createDict(name);
                } else {
                    proxy.createList(name);
                }
            } catch (TableExistsException createdMeanwhile) {
                // Someone else created it between the open and the create: open theirs.
            }
            return openExisting(proxy);
        }
    }

    private Object openExisting(CyberProxy proxy) {
        return kind == TableKind.DICT ? proxy.dict(name, types.get(0), types.get(1)) : proxy.list(name, types.get(0));
    }

    /**
     * Checks at boot, without writing, that the table can be served: a table of the other kind
     * never can; a missing one can only if it is to be created.
     */
    void check(CyberProxy proxy) {
        Optional<TableKind> existing = proxy.tables().stream().filter(t -> t.name().equals(name)).map(t -> t.kind()).findFirst();
        if (existing.isEmpty() && !create) {
            throw new IllegalStateException("table '" + name + "' does not exist; create it, or use @CyberTable(value = \""
                    + name + "\", create = true)");
        } else if (existing.isPresent() && existing.get() != kind) {
            throw new IllegalStateException("table '" + name + "' is a " + existing.get().name().toLowerCase(Locale.ROOT)
                    + ", but a " + kind.name().toLowerCase(Locale.ROOT) + " is injected");
        }
    }
}
