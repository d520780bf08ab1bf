package cyberdb.bench;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A CyberDB server in its own JVM, driven through the pooled client. */
final class CyberTarget implements Target {

    private final String name;
    private final CyberServerProcess server;
    private final CyberClient client;

    CyberTarget(String name, Path dir, boolean encrypted, boolean dataFile, int connections) throws Exception {
        this.name = name;
        this.server = CyberServerProcess.start(dir, encrypted, dataFile);
        this.client = CyberDB.client().port(server.port()).password(CyberServerProcess.PASSWORD).encrypted(encrypted)
                .connections(Math.min(connections, 4)).build();
        try (CyberProxy proxy = client.proxy().connect()) {
            Map<String, String> entries = new LinkedHashMap<>();
            for (String key : Work.KEY) {
                entries.put(key, Work.VALUE);
            }
            proxy.createDict("bench", String.class, String.class).putAll(entries);
            proxy.createDict("counters", String.class, Long.class);
            proxy.createList("bench-list", String.class);
            proxy.createList("bench-range", String.class).addAll(Collections.nCopies(1000, Work.VALUE));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Load.Client client(Work work, int depth) {
        CyberProxy proxy = client.proxy().connect();
        CyberDict<String, String> dict = proxy.dict("bench", String.class, String.class);
        CyberDict<String, Long> counters = proxy.dict("counters", String.class, Long.class);
        CyberList<String> list = proxy.list("bench-list", String.class);
        CyberList<String> range = proxy.list("bench-range", String.class);
        List<String> pushes = Collections.nCopies(depth, Work.VALUE);
        return new Load.Client() {
            @Override
            public int request() {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                switch (work) {
                    case GET -> {
                        if (depth == 1) {
                            dict.get(Work.KEY[random.nextInt(Work.KEYS)]);
                        } else {
                            List<String> keys = new ArrayList<>(depth);
                            for (int i = 0; i < depth; i++) {
                                keys.add(Work.KEY[random.nextInt(Work.KEYS)]);
                            }
                            dict.getAll(keys);
                        }
                    }
                    case SET -> {
                        if (depth == 1) {
                            dict.put(Work.KEY[random.nextInt(Work.KEYS)], Work.VALUE);
                        } else {
                            Map<String, String> entries = LinkedHashMap.newLinkedHashMap(depth);
                            for (int i = 0; i < depth; i++) {
                                entries.put(Work.KEY[random.nextInt(Work.KEYS)], Work.VALUE);
                            }
                            dict.putAll(entries);
                        }
                    }
                    case INCR -> counters.addAndGet(Work.COUNTER[random.nextInt(Work.KEYS)], 1);
                    case PUSH -> {
                        if (depth == 1) {
                            list.add(Work.VALUE);
                        } else {
                            list.addAll(pushes);
                        }
                    }
                    case RANGE -> range.slice(0, 100);
                }
                return depth;
            }

            @Override
            public void close() {
                proxy.close();
            }
        };
    }

    @Override
    public void reset() {
        try (CyberProxy proxy = client.proxy().connect()) {
            proxy.list("bench-list").clear();
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
