package cyberdb.sample;

import io.helidon.logging.common.LogConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Holds back what is logged while the service starts. A start that fails then ends with the one
 * line that says why, not with the libraries' stack traces; a start that succeeds hands the held
 * records to the console, so nothing said during the start is lost.
 */
final class StartupLog extends Handler {

    private final Logger root = Logger.getLogger("");
    private final Handler[] consoles;
    private final List<LogRecord> held = new ArrayList<>();

    private StartupLog() {
        consoles = root.getHandlers();
    }

    /** Takes the console handlers off the root logger until {@link #release()}. */
    static StartupLog hold() {
        // Helidon configures logging (the sample's logging.properties) when this class is first
        // used; doing it now keeps it from replacing the handler installed below.
        LogConfig.initClass();
        StartupLog log = new StartupLog();
        for (Handler console : log.consoles) {
            log.root.removeHandler(console);
        }
        log.root.addHandler(log);
        return log;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        held.add(record);
    }

    /** The root cause of the first failure logged with an exception, such as the web server's failed bind. */
    synchronized Optional<String> firstFailure() {
        return held.stream().filter(record -> record.getThrown() != null).findFirst().map(record -> {
            Throwable cause = record.getThrown();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return String.valueOf(cause.getMessage());
        });
    }

    /** Puts the console handlers back and gives them what was held. */
    synchronized void release() {
        root.removeHandler(this);
        for (Handler console : consoles) {
            root.addHandler(console);
            held.forEach(console::publish);
        }
        held.clear();
    }

    /**
     * The line that explains a failed start: the outermost one-line message. The container wraps a
     * deployment problem repeating its message, which already says what CyberDB could not do; a
     * message of several lines lists several problems with their stack traces.
     */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !message.contains("\n")) {
                return message;
            }
        }
        return failure.toString().lines().findFirst().orElse(failure.getClass().getName());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
