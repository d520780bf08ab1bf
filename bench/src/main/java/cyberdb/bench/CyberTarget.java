package cyberdb.bench;

import cyberdb.api.AsyncDict;
import cyberdb.api.AsyncList;
import cyberdb.api.ClientBuilder;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A CyberDB server in its own JVM, driven through one {@link CyberClient} that every client
 * thread shares, as an application shares one: each thread opens a proxy, which costs nothing.
 */
final class CyberTarget implements Target {

    /** For {@link #CyberTarget}: the client's own default number of connections. */
    static final int DEFAULT_CONNECTIONS = 0;

    private final String name;
    private final CyberClient client;

    /**
     * Connects to a server and stores the workloads' data, unless an earlier target did.
     *
     * @param name        the name in tables
     * @param server      the server
     * @param encrypted   whether the server encrypts
     * @param connections the client's connections, or {@link #DEFAULT_CONNECTIONS}
     */
    CyberTarget(String name, CyberServerProcess server, boolean encrypted, int connections) {
        this.name = name;
        ClientBuilder builder = CyberDB.client().port(server.port()).password(CyberServerProcess.PASSWORD).encrypted(encrypted);
        if (connections != DEFAULT_CONNECTIONS) {
            builder.connections(connections);
        }
        this.client = builder.build();
        try (CyberProxy proxy = client.proxy().connect()) {
            if (!proxy.exists("bench")) {
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
                            // set, not put: Redis's SET does not send the previous value back either.
                            dict.set(Work.KEY[random.nextInt(Work.KEYS)], Work.VALUE);
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
    public Load.Sender sender(Work work) {
        CyberProxy proxy = client.proxy().connect();
        AsyncDict<String, String> dict = proxy.dict("bench", String.class, String.class).async();
        AsyncDict<String, Long> counters = proxy.dict("counters", String.class, Long.class).async();
        AsyncList<String> list = proxy.list("bench-list", String.class).async();
        AsyncList<String> range = proxy.list("bench-range", String.class).async();
        return new Load.Sender() {
            @Override
            public CompletionStage<?> send() {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                return switch (work) {
                    case GET -> dict.get(Work.KEY[random.nextInt(Work.KEYS)]);
                    case SET -> dict.set(Work.KEY[random.nextInt(Work.KEYS)], Work.VALUE);
                    case INCR -> counters.addAndGet(Work.COUNTER[random.nextInt(Work.KEYS)], 1);
                    case PUSH -> list.add(Work.VALUE);
                    case RANGE -> range.slice(0, 100);
                };
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
    }
}
