package cyberdb.engine;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.ListFeature;
import com.google.common.collect.testing.features.MapFeature;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * Guava's collection contract suites, thousands of checks of the Map, ConcurrentMap and List
 * contracts, run against embedded dicts and lists, plain and typed.
 */
public class CollectionContractsTest {

    public static Test suite() {
        TestSuite suite = new TestSuite("CyberDB embedded collection contracts");
        suite.addTest(dictSuite("plain dict", false));
        suite.addTest(dictSuite("typed dict", true));
        suite.addTest(listSuite("plain list", false));
        suite.addTest(listSuite("typed list", true));
        return suite;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Test dictSuite(String name, boolean typed) {
        return ConcurrentMapTestSuiteBuilder.using(new TestStringMapGenerator() {
                    @Override
                    protected Map<String, String> create(Map.Entry<String, String>[] entries) {
                        String table = SharedDatabase.freshName("dict");
                        CyberDict<String, String> dict = typed
                                ? SharedDatabase.proxy().createDict(table, String.class, String.class)
                                : (CyberDict) SharedDatabase.proxy().createDict(table);
                        for (Map.Entry<String, String> entry : entries) {
                            dict.put(entry.getKey(), entry.getValue());
                        }
                        return dict;
                    }
                })
                .named(name)
                .withFeatures(
                        CollectionSize.ANY,
                        MapFeature.GENERAL_PURPOSE,
                        MapFeature.ALLOWS_NULL_VALUES,
                        MapFeature.ALLOWS_NULL_KEY_QUERIES,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                        CollectionFeature.KNOWN_ORDER)
                .createTestSuite();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Test listSuite(String name, boolean typed) {
        return ListTestSuiteBuilder.using(new TestStringListGenerator() {
                    @Override
                    protected List<String> create(String[] elements) {
                        String table = SharedDatabase.freshName("list");
                        CyberList<String> list = typed
                                ? SharedDatabase.proxy().createList(table, String.class)
                                : (CyberList) SharedDatabase.proxy().createList(table);
                        list.addAll(Arrays.asList(elements));
                        return list;
                    }
                })
                .named(name)
                .withFeatures(
                        CollectionSize.ANY,
                        ListFeature.GENERAL_PURPOSE,
                        CollectionFeature.ALLOWS_NULL_VALUES,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                        CollectionFeature.KNOWN_ORDER)
                .createTestSuite();
    }
}
