package cyberdb.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void theVersionIsTheBuildsNotAPlaceholder() {
        assertTrue(CyberDB.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), CyberDB.version());
    }
}
