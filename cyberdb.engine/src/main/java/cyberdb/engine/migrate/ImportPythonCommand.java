package cyberdb.engine.migrate;

import cyberdb.api.CyberDBException;
import cyberdb.api.ImportReport;
import cyberdb.api.TableInfo;
import cyberdb.engine.snapshot.SnapshotFiles;
import cyberdb.engine.store.TableImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./cyberdb import-python OLD.cdb NEW.cdb}: converts a Python CyberDB file into a
 * snapshot, writing the new file atomically and never touching the old one.
 */
public final class ImportPythonCommand {

    private ImportPythonCommand() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the old and the new file
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command.
     *
     * @param args the old and the new file
     * @param out  where the summary goes
     * @param err  where errors go
     * @return 0 on success, 1 on failure, 2 on wrong usage
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("Usage: ./cyberdb import-python OLD.cdb NEW.cdb");
            err.println("Converts a Python CyberDB file into a CyberDB for Java snapshot. OLD.cdb is only read.");
            return 2;
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        try {
            SnapshotFiles.checkName(target);
            if (!Files.isRegularFile(source)) {
                err.println("import-python: " + source + " is not a file.");
                return 1;
            }
            if (Files.exists(target)) {
                err.println("import-python: " + target + " already exists; remove it or choose another name."
                        + " The import never overwrites a file.");
                return 1;
            }
            PythonImport.Result result = PythonImport.read(source);
            SnapshotFiles.save(result.tables(), target);
            summarize(source, target, result, out);
            return 0;
        } catch (CyberDBException | IllegalArgumentException e) {
            err.println("import-python: " + e.getMessage());
            return 1;
        }
    }

    private static void summarize(Path source, Path target, PythonImport.Result result, PrintStream out) {
        ImportReport report = result.report();
        out.printf("Imported %d tables (%d entries) from %s into %s%n", report.tables().size(), report.entries(), source, target);
        int width = report.tables().stream().mapToInt(t -> t.name().length()).max().orElse(0);
        for (int i = 0; i < report.tables().size(); i++) {
            TableInfo table = report.tables().get(i);
            TableImage image = result.tables().get(i);
            out.printf("  %-" + Math.max(width, 1) + "s  %-4s  %d%n", table.name(), table.kind().name().toLowerCase(),
                    image.values().size());
        }
        if (report.skipped().isEmpty()) {
            out.println("Nothing was skipped.");
        } else {
            out.println("Skipped:");
            report.skipped().forEach(line -> out.println("  " + line));
        }
        out.println("The old server's config section (and the password in it) was ignored.");
    }
}
