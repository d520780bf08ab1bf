package cyberdb.cdi.extension;

import jakarta.enterprise.context.ContextNotActiveException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;

/**
 * The object injected for a {@code @CyberTable} point: every call goes to the table opened on the
 * proxy of the request it runs in, found through the request-scoped {@link RequestTables}. So the
 * same injected object is right in a request-scoped resource and in an application-scoped one.
 *
 * <p>{@code equals}, {@code hashCode} and {@code toString} are answered here: the injected object
 * is a handle, not the table's content, and hashing a table would read all of it (over the
 * network, for a remote one) whenever the handle is put in a set or map.
 */
final class CurrentTable implements InvocationHandler {

    private final RequestTables requests;
    private final TableInjection injection;

    private CurrentTable(RequestTables requests, TableInjection injection) {
        this.requests = requests;
        this.injection = injection;
    }

    static Object create(RequestTables requests, TableInjection injection) {
        Class<?> type = injection.interfaceType();
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new CurrentTable(requests, injection));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> describe();
            };
        }
        Object table;
        try {
            table = requests.table(injection);
        } catch (ContextNotActiveException outside) {
            throw new ContextNotActiveException(describe() + " was used outside a request: each call goes to the"
                    + " table through the current request's proxy. Call it while handling a request, or from a method"
                    + " annotated @ActivateRequestContext.", outside);
        }
        try {
            return method.invoke(table, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private String describe() {
        return "@CyberTable(\"" + injection.name() + "\") " + injection.kind().name().toLowerCase(Locale.ROOT);
    }
}
