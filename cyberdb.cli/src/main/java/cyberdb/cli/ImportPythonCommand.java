package cyberdb.cli;

import cyberdb.api.CorruptFileException;
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
import java.util.Locale;

/**
 * {@code ./cyberdb import-python OLD.cdb NEW.cdb}: converts a Python CyberDB file into a
 * snapshot, writing the new file atomically and never touching the old one.
 */
final class ImportPythonCommand {

    static final String USAGE = """
            Usage: ./cyberdb import-python OLD.cdb NEW.cdb
            Converts a Python CyberDB file into a CyberDB for Java data file. OLD.cdb is only read;
            NEW.cdb must not exist yet.
            """ + ExitStatus.HELP;

    private static final String NAME = "import-python: ";

    private ImportPythonCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println(NAME + "expected two files, OLD.cdb and NEW.cdb, got " + Messages.count(args.length, "argument", "arguments"));
            err.print(USAGE);
            return ExitStatus.USAGE;
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        if (target.getFileName() == null || !target.getFileName().toString().endsWith(".cdb")) {
            err.println(NAME + "the new file's name must end in .cdb, got " + target);
            err.print(USAGE);
            return ExitStatus.USAGE;
        }
        if (!Files.isRegularFile(source)) {
            err.println(NAME + source + (Files.exists(source) ? " is not a file." : ": no such file."));
            return ExitStatus.FAILED;
        }
        String stem = target.getFileName().toString().substring(0, target.getFileName().toString().length() - ".cdb".length());
        Path journal = target.resolveSibling(stem + ".journal");
        if (Files.exists(target) || Files.exists(journal)) {
            err.println(NAME + (Files.exists(target) ? target : journal) + " already exists; remove it or choose another"
                    + " name. The import never overwrites a database.");
            return ExitStatus.FAILED;
        }
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            ImportReport report = db.importPython(source);
            db.save(target);
            out.printf(Locale.ROOT, "Imported %s (%s) from %s into %s%n", Messages.count(report.tables().size(), "table", "tables"),
                    Messages.count(report.entries(), "entry", "entries"), source, target);
            int width = report.tables().stream().mapToInt(t -> t.name().length()).max().orElse(1);
            for (TableInfo table : report.tables()) {
                int size = table.kind() == TableKind.DICT ? proxy.dict(table.name()).size() : proxy.list(table.name()).size();
                out.printf(Locale.ROOT, "  %-" + width + "s  %-4s  %d%n", table.name(), table.kind().name().toLowerCase(Locale.ROOT), size);
            }
            if (report.skipped().isEmpty()) {
                out.println("Nothing was skipped.");
            } else {
                out.println("Skipped:");
                report.skipped().forEach(line -> out.println("  " + line));
            }
            out.println("The old server's config section (and the password in it) was ignored.");
            return ExitStatus.OK;
        } catch (CorruptFileException e) {
            err.println(NAME + Messages.plain(e.getMessage()));
            return ExitStatus.DAMAGED_FILE;
        } catch (CyberDBException e) {
            err.println(NAME + Messages.plain(e.getMessage()));
            return ExitStatus.FAILED;
        }
    }
}
