package cyberdb.cdi.extension;

import cyberdb.api.CorruptFileException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDBException;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.cdi.CyberTable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The CDI portable extension behind {@link CyberTable}. While beans are processed it collects the
 * {@code @CyberTable} injection points, reporting unusable ones as definition errors; after
 * discovery it adds an application-scoped {@link CyberClient}, a request-scoped
 * {@link CyberProxy}, and one dependent bean for all dicts and one for all lists, whatever their
 * names (the qualifier's members are non-binding), each typed with every parameterization
 * injected. At deployment it reads the configuration and opens the client, so a bad setting or an
 * unusable data file fails the boot as a deployment problem, not the first request.
 */
public class CyberExtension implements Extension {

    private static final System.Logger LOG = System.getLogger("cyberdb.cdi");

    private final List<InjectionPoint> points = new ArrayList<>();
    private final Set<Type> dictTypes = new HashSet<>();
    private final Set<Type> listTypes = new HashSet<>();
    /** Opened at deployment, handed to the application-scoped bean, closed at shutdown. */
    private CyberClient client;

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
        try {
            TableInjection injection = TableInjection.of(point);
            points.add(point);
            (injection.interfaceType() == CyberDict.class ? dictTypes : listTypes).add(point.getType());
        } catch (DefinitionException unusable) {
            event.addDefinitionError(unusable);
        }
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        event.addBean()
                .types(CyberClient.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> client);
        event.addBean()
                .types(CyberProxy.class, Object.class)
                .scope(RequestScoped.class)
                .produceWith(instance -> instance.select(RequestTables.class).get().proxy());
        tables(event, dictTypes);
        tables(event, listTypes);
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

    /** Runs before the application's own observers, so the client is open before anything can ask for it. */
    void open(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) AfterDeploymentValidation event, BeanManager beans) {
        Settings settings;
        try {
            settings = Settings.from(ConfigProvider.getConfig());
            client = Databases.open(settings);
        } catch (CorruptFileException damaged) {
            event.addDeploymentProblem(new DeploymentException("CyberDB cannot start: " + damaged.file().toAbsolutePath()
                    + " is damaged: " + damaged.problem() + ". Nothing was changed. " + advice(damaged.file()), damaged));
            return;
        } catch (IllegalArgumentException | CyberDBException unusable) {
            event.addDeploymentProblem(new DeploymentException("CyberDB cannot start: " + unusable.getMessage(), unusable));
            return;
        }
        LOG.log(System.Logger.Level.INFO, settings.describe());
        Meters.bind(beans, client);
        checkTables(event, settings.validateTables());
    }

    /**
     * What to do about a damaged data file or journal, in terms of files, which is all the
     * application's operator has: the engine's own advice names Java calls and server options.
     */
    static String advice(Path damaged) {
        String name = damaged.getFileName().toString();
        String stem = name.endsWith(".cdb") ? name.substring(0, name.length() - ".cdb".length())
                : name.endsWith(".journal") ? name.substring(0, name.length() - ".journal".length()) : name;
        Path snapshot = damaged.resolveSibling(stem + ".cdb");
        Path journal = damaged.resolveSibling(stem + ".journal");
        Path backup = damaged.resolveSibling(stem + "_backup.cdb");
        if (name.endsWith(".journal")) {
            return "Move " + journal + " aside to start from the snapshot alone (the changes it holds are lost), or run"
                    + " ./cyberdb server --data " + snapshot + " --truncate-journal-at-error once to keep what precedes the"
                    + " damage.";
        }
        String journalToo = Files.exists(journal) ? " and move " + journal + " aside" : "";
        return Files.isRegularFile(backup)
                ? "To go back to the snapshot before it, copy " + backup + " over " + snapshot + journalToo + "."
                : "Restore " + snapshot + " from a copy, or move it" + (journalToo.isEmpty() ? "" : " and " + journal)
                        + " aside to start with an empty database.";
    }

    /**
     * Checks, without writing, the tables marked {@code create = true} and, if configured, every
     * injected one: missing tables are created on first use, so a boot that fails later has
     * changed nothing.
     */
    private void checkTables(AfterDeploymentValidation event, boolean validateAll) {
        List<InjectionPoint> toCheck = points.stream()
                .filter(p -> validateAll || TableInjection.qualifier(p).orElseThrow().create())
                .toList();
        if (toCheck.isEmpty()) {
            return;
        }
        try (CyberProxy proxy = client.proxy().connect()) {
            for (InjectionPoint point : toCheck) {
                try {
                    TableInjection.of(point).check(proxy);
                } catch (IllegalStateException | CyberDBException problem) {
                    event.addDeploymentProblem(new DeploymentException(TableInjection.problem(point, problem.getMessage()), problem));
                }
            }
        } catch (CyberDBException unreachable) {
            event.addDeploymentProblem(new DeploymentException("CyberDB is not reachable to check @CyberTable tables: "
                    + unreachable.getMessage(), unreachable));
        }
    }

    void close(@Observes BeforeShutdown event) {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
