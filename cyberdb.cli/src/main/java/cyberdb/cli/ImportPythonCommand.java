package cyberdb.cli;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDBException;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.ImportReport;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./cyberdb import-python OLD.cdb NEW.cdb}: converts a Python CyberDB file into a
 * snapshot, writing the new file atomically and never touching the old one.
 */
final class ImportPythonCommand {

    private ImportPythonCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("Usage: ./cyberdb import-python OLD.cdb NEW.cdb");
            err.println("Converts a Python CyberDB file into a CyberDB for Java snapshot. OLD.cdb is only read.");
            return 2;
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        if (!target.getFileName().toString().endsWith(".cdb")) {
            err.println("import-python: the new file's name must end in .cdb, got " + target);
            return 2;
        }
        if (!Files.isRegularFile(source)) {
            err.println("import-python: " + source + " is not a file.");
            return 1;
        }
        if (Files.exists(target)) {
            err.println("import-python: " + target + " already exists; remove it or choose another name."
                    + " The import never overwrites a file.");
            return 1;
        }
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            ImportReport report = db.importPython(source);
            db.save(target);
            out.printf("Imported %d tables (%d entries) from %s into %s%n", report.tables().size(), report.entries(),
                    source, target);
            int width = report.tables().stream().mapToInt(t -> t.name().length()).max().orElse(1);
            for (TableInfo table : report.tables()) {
                int size = table.kind() == TableKind.DICT ? proxy.dict(table.name()).size() : proxy.list(table.name()).size();
                out.printf("  %-" + width + "s  %-4s  %d%n", table.name(), table.kind().name().toLowerCase(), size);
            }
            if (report.skipped().isEmpty()) {
                out.println("Nothing was skipped.");
            } else {
                out.println("Skipped:");
                report.skipped().forEach(line -> out.println("  " + line));
            }
            out.println("The old server's config section (and the password in it) was ignored.");
            return 0;
        } catch (CyberDBException e) {
            err.println("import-python: " + e.getMessage());
            return 1;
        }
    }
}
