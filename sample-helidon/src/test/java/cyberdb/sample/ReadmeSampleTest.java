package cyberdb.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.microprofile.testing.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's curl session with the sample, replayed in its order against a fresh, in-memory
 * database: every answer the README shows after {@code #} is the one the service gives.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "cyberdb.data-file", value = "")
@AddConfig(key = "cyberdb.backup-interval", value = "")
class ReadmeSampleTest {

    /** {@code curl [-i] [-X METHOD] [-H ...] [-d 'BODY'] http://127.0.0.1:8080/PATH  # EXPECTED}. */
    private static final Pattern CURL = Pattern.compile(
            "curl(?: -i)?(?: -X (\\w+))?(?: -H '[^']*')?(?: -d '([^']*)')? http://127\\.0\\.0\\.1:8080(\\S*)\\s+# (.*)");
    private static final Pattern STATUS = Pattern.compile("(\\d{3})(?:, Location: (\\S+?),)? ?(.*)");

    @Inject
    WebTarget target;

    /** The sample's curl lines, with a line ending in a backslash joined to the next. */
    private static List<String> curlLines() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("### The sample service");
        List<String> curls = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        boolean inBlock = false;
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("```")) {
                if (inBlock) {
                    break;
                }
                inBlock = true;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            pending.append(' ').append(line.strip());
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            } else if (!pending.toString().contains("#")) {
                continue;
            } else {
                curls.add(pending.toString().strip().replaceAll(" {2,}(?=#)", "  ").replaceAll("\\s+", " "));
                pending.setLength(0);
            }
        }
        return curls;
    }

    /** The leading JSON object of a comment such as {@code {"hits":1}, atomic under any load}. */
    private static String json(String comment) {
        int depth = 0;
        for (int i = 0; i < comment.length(); i++) {
            depth += comment.charAt(i) == '{' ? 1 : comment.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return comment.substring(0, i + 1);
            }
        }
        throw new AssertionError("No JSON object in: " + comment);
    }

    @Test
    void theCurlSessionAnswersAsTheReadmeShows() throws IOException {
        List<String> curls = curlLines();
        assertFalse(curls.isEmpty());
        URI base = target.getUri();
        int checked = 0;
        for (String curl : curls) {
            Matcher m = CURL.matcher(curl);
            assertTrue(m.matches(), "a curl line this test can replay: " + curl);
            String method = m.group(1) == null ? (m.group(2) == null ? "GET" : "POST") : m.group(1);
            Response response = target.path(m.group(3)).request()
                    .method(method, m.group(2) == null ? null : Entity.json(m.group(2)));
            String body = response.readEntity(String.class);
            String expected = m.group(4);
            Matcher status = STATUS.matcher(expected);
            if (expected.startsWith("{")) {
                assertEquals(200, response.getStatus(), curl);
                assertEquals(json(expected), body, curl);
            } else if (status.matches()) {
                assertEquals(Integer.parseInt(status.group(1)), response.getStatus(), curl);
                if (status.group(2) != null) {
                    URI shown = URI.create(status.group(2));
                    assertEquals(base.resolve(shown.getPath()), response.getLocation(), curl);
                }
                assertEquals(json(status.group(3)), body, curl);
            } else {
                assertEquals(200, response.getStatus(), curl + ": " + body);
            }
            checked++;
        }
        assertEquals(curls.size(), checked);
    }
}
