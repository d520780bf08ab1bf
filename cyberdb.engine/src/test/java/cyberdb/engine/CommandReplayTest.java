package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.engine.command.Command;
import cyberdb.engine.embedded.TestAccess;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.TableImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The command stream is the engine's history: replaying it elsewhere rebuilds the same state. */
class CommandReplayTest {

    @Test
    void replayingTheCommandStreamRebuildsTheSameState() throws Exception {
        Engine engine = new Engine();
        List<Command> stream = Collections.synchronizedList(new ArrayList<>());
        engine.commandLog(stream::add);
        var proxy = TestAccess.proxy(engine);

        CyberDict<Object, Object> dict = proxy.createDict("d");
        CyberList<Object> list = proxy.createList("l");
        Random random = new Random(42);
        Thread[] writers = new Thread[4];
        for (int w = 0; w < writers.length; w++) {
            long seed = random.nextLong();
            writers[w] = Thread.ofPlatform().start(() -> workload(dict, list, new Random(seed)));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        proxy.createList("dropped", List.of(1));
        proxy.dropTable("dropped");

        Engine replica = new Engine();
        replica.write(() -> {
            stream.forEach(replica::apply);
            return null;
        });
        List<TableImage> original = engine.image();
        assertFalse(original.getFirst().values().isEmpty());
        assertEquals(original, replica.image());
    }

    private static void workload(CyberDict<Object, Object> dict, CyberList<Object> list, Random random) {
        for (int i = 0; i < 2_000; i++) {
            String key = "k" + random.nextInt(50);
            switch (random.nextInt(10)) {
                case 0 -> dict.merge(key, 1L, (a, b) -> (Long) a + (Long) b);
                case 1 -> dict.putFirst(key, i);
                case 2 -> dict.remove(key);
                case 3 -> dict.pollLastEntry();
                case 4 -> list.add(random.nextInt(100));
                case 5 -> list.sort(null);
                case 6 -> list.removeIf(e -> (Long) e % 7 == 0);
                case 7 -> {
                    try {
                        list.removeLast();
                    } catch (NoSuchElementException empty) {
                        // Another writer emptied it first.
                    }
                }
                case 8 -> dict.addAndGet("counter", 1);
                default -> dict.put(key, List.of(i, "v"));
            }
        }
    }
}
