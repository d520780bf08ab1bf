package cyberdb.cdi.extension;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.cdi.CyberTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The CDI portable extension behind {@link CyberTable}. While beans are processed it collects the
 * {@code @CyberTable} injection points; after discovery it adds an application-scoped
 * {@link CyberClient}, a request-scoped {@link CyberProxy}, and one dependent bean for all dicts
 * and one for all lists, whatever their names (the qualifier's members are non-binding), each
 * typed with every parameterization injected. Misuse is reported after deployment validation,
 * at boot, naming the injection point.
 */
public class CyberExtension implements Extension {

    private final List<InjectionPoint> points = new ArrayList<>();
    private final Set<Type> dictTypes = new HashSet<>();
    private final Set<Type> listTypes = new HashSet<>();
    private final Set<Type> unsupportedTypes = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    /** Created by the container through {@link java.util.ServiceLoader}. */
    public CyberExtension() {
    }

    void register(@Observes BeforeBeanDiscovery event) {
        event.addAnnotatedType(RequestTables.class, RequestTables.class.getName());
        if (Health.available()) {
            event.addAnnotatedType(Health.Readiness.class, Health.Readiness.class.getName());
            event.addAnnotatedType(Health.Liveness.class, Health.Liveness.class.getName());
        }
    }

    void collect(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint point = event.getInjectionPoint();
        if (TableInjection.qualifier(point).isEmpty()) {
            return;
        }
        points.add(point);
        try {
            TableInjection injection = TableInjection.of(point);
            (injection.interfaceType() == CyberDict.class ? dictTypes : listTypes).add(point.getType());
        } catch (IllegalArgumentException problem) {
            problems.add(problem.getMessage());
            // Served by a bean that is never used, so the container reports our message, not its own.
            unsupportedTypes.add(point.getType());
        }
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        event.addBean()
                .types(CyberClient.class, Object.class)
                .scope(ApplicationScoped.class)
                .<CyberClient>createWith(context -> Databases.open(Settings.from(ConfigProvider.getConfig())))
                .destroyWith((client, context) -> client.close());
        event.addBean()
                .types(CyberProxy.class, Object.class)
                .scope(RequestScoped.class)
                .produceWith(instance -> instance.select(RequestTables.class).get().proxy());
        tables(event, dictTypes);
        tables(event, listTypes);
        if (!unsupportedTypes.isEmpty()) {
            event.addBean()
                    .types(unsupportedTypes.toArray(Type[]::new))
                    .qualifiers(CyberTable.Literal.ANY)
                    .scope(Dependent.class)
                    .produceWith(instance -> {
                        throw new IllegalStateException("Unsupported @CyberTable injection point");
                    });
        }
    }

    private static void tables(AfterBeanDiscovery event, Set<Type> types) {
        if (types.isEmpty()) {
            return;
        }
        event.addBean()
                .types(types.toArray(Type[]::new))
                .qualifiers(CyberTable.Literal.ANY)
                .scope(Dependent.class)
                .produceWith(instance -> CurrentTable.create(instance.select(RequestTables.class).get(),
                        TableInjection.of(instance.select(InjectionPoint.class).get())));
    }

    void validate(@Observes AfterDeploymentValidation event, BeanManager beans) {
        problems.forEach(problem -> event.addDeploymentProblem(new IllegalArgumentException(problem)));
        if (!problems.isEmpty()) {
            return;
        }
        boolean validateAll = ConfigProvider.getConfig().getOptionalValue("cyberdb.validate-tables", Boolean.class).orElse(false);
        List<InjectionPoint> toCheck = points.stream()
                .filter(p -> validateAll || TableInjection.qualifier(p).orElseThrow().create())
                .toList();
        if (toCheck.isEmpty()) {
            return;
        }
        CyberClient client = beans.createInstance().select(CyberClient.class).get();
        try (CyberProxy proxy = client.proxy().connect()) {
            for (InjectionPoint point : toCheck) {
                try {
                    TableInjection.of(point).ensure(proxy, TableInjection.qualifier(point).orElseThrow().create());
                } catch (RuntimeException problem) {
                    event.addDeploymentProblem(TableInjection.problem(point, problem.getMessage()));
                }
            }
        } catch (RuntimeException unreachable) {
            event.addDeploymentProblem(new IllegalStateException("CyberDB is not reachable to check @CyberTable tables: "
                    + unreachable.getMessage(), unreachable));
        }
    }
}
