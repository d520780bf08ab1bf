package cyberdb.cdi.extension;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The object injected for a {@code @CyberTable} point: every call goes to the table opened on the
 * proxy of the request it runs in, found through the request-scoped {@link RequestTables}. So the
 * same injected object is right in a request-scoped resource and in an application-scoped one.
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
        if (method.getDeclaringClass() == Object.class && method.getName().equals("toString") && args == null) {
            return "@CyberTable(\"" + injection.name() + "\") " + injection.kind().name().toLowerCase();
        }
        try {
            return method.invoke(requests.table(injection), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
