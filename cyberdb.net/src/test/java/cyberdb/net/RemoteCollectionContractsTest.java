package cyberdb.net;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.ListFeature;
import com.google.common.collect.testing.features.MapFeature;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * The same Guava contract suites as the embedded engine's, against tables on a real server over
 * an encrypted loopback socket.
 */
public class RemoteCollectionContractsTest {

    private static final CyberServer SERVER = Servers.start();
    private static final CyberClient CLIENT = Servers.client(SERVER).connections(2).build();
    private static final CyberProxy PROXY = CLIENT.proxy().connect();
    private static final AtomicLong NAMES = new AtomicLong();

    private static String freshName(String prefix) {
        long n = NAMES.incrementAndGet();
        PROXY.dropTable(prefix + "-" + (n - 64));
        return prefix + "-" + n;
    }

    public static Test suite() {
        TestSuite suite = new TestSuite("CyberDB remote collection contracts");
        suite.addTest(dictSuite("remote plain dict", false));
        suite.addTest(dictSuite("remote typed dict", true));
        suite.addTest(listSuite("remote plain list", false));
        suite.addTest(listSuite("remote typed list", true));
        return suite;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Test dictSuite(String name, boolean typed) {
        return ConcurrentMapTestSuiteBuilder.using(new TestStringMapGenerator() {
                    @Override
                    protected Map<String, String> create(Map.Entry<String, String>[] entries) {
                        String table = freshName("dict");
                        CyberDict<String, String> dict = typed
                                ? PROXY.createDict(table, String.class, String.class)
                                : (CyberDict) PROXY.createDict(table);
                        for (Map.Entry<String, String> entry : entries) {
                            dict.put(entry.getKey(), entry.getValue());
                        }
                        return dict;
                    }
                })
                .named(name)
                .withFeatures(CollectionSize.ANY, MapFeature.GENERAL_PURPOSE, MapFeature.ALLOWS_NULL_VALUES,
                        MapFeature.ALLOWS_NULL_KEY_QUERIES, CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                        CollectionFeature.KNOWN_ORDER)
                .createTestSuite();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Test listSuite(String name, boolean typed) {
        return ListTestSuiteBuilder.using(new TestStringListGenerator() {
                    @Override
                    protected List<String> create(String[] elements) {
                        String table = freshName("list");
                        CyberList<String> list = typed
                                ? PROXY.createList(table, String.class)
                                : (CyberList) PROXY.createList(table);
                        list.addAll(Arrays.asList(elements));
                        return list;
                    }
                })
                .named(name)
                .withFeatures(CollectionSize.ANY, ListFeature.GENERAL_PURPOSE, CollectionFeature.ALLOWS_NULL_VALUES,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE, CollectionFeature.KNOWN_ORDER)
                .createTestSuite();
    }
}
