package cyberdb.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedded mode that also serves TCP: the application and other processes share one database. */
class ServingModeTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @ApplicationScoped
    public static class Writer {
        @Inject
        @CyberTable(value = "shared", create = true)
        CyberDict<String, String> shared;

        @ActivateRequestContext
        public void write(String key, String value) {
            shared.put(key, value);
        }
    }

    @Test
    void anotherProcessSeesWhatTheApplicationWroteAndTheDataFileIsSavedAtShutdown() throws Exception {
        List<String> messages = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("cyberdb.net");
        logger.addHandler(capture);
        Path data = dir.resolve("served.cdb");
        try (SeContainer container = Containers.start(Map.of(
                "cyberdb.serve.port", "0",
                "cyberdb.password", "serving password",
                "cyberdb.data-file", data.toString()), Writer.class)) {
            container.select(Writer.class).get().write("from", "the application");
            int port = messages.stream().map(LISTENING::matcher).filter(Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
            try (CyberClient client = CyberDB.connect("127.0.0.1", port, "serving password");
                 CyberProxy proxy = client.proxy().connect()) {
                assertEquals("the application", proxy.dict("shared").get("from"));
            }
        } finally {
            logger.removeHandler(capture);
        }
        try (var db = CyberDB.embedded(data); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> shared = proxy.dict("shared");
            assertEquals("the application", shared.get("from"));
        }
        assertEquals(true, Files.exists(data));
    }
}
