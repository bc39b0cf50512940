package io.dashcache.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document the repository names exists, so a reader who follows a reference finds it: a
 * markdown document named in a source file, a build file, a script or a markdown page (a relative
 * link resolved from its page; a bare name resolved from the naming file's folder, the repository
 * root or docs/), and every class that the concept map of docs/design.md ("Where it lives") names,
 * as a {@code .java} file somewhere in the tree.
 */
class DocumentReferencesTest {

    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", ".idea", ".vscode");
    private static final String MD = ".md";
    /** A relative link in markdown, {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    /** A bare name of a markdown document, with or without folders, not part of a URL or a longer path. */
    private static final Pattern BARE = Pattern.compile("(?<![\\w./-])((?:\\.\\.?/)*(?:[\\w-]+/)*[\\w-]+\\.md)(?![\\w-])");
    private static final Pattern CLASS_IN_BACKTICKS = Pattern.compile("`([A-Z][A-Za-z0-9]*)`");
    private static final String CONCEPT_MAP_HEADING = "## Where it lives";

    private static final Path ROOT = repositoryRoot();

    @Test
    void every_markdown_document_the_repository_names_exists() {
        List<String> missing = missingDocuments(ROOT);

        assertThat(missing).as("documents named but missing (file:line: name)").isEmpty();
    }

    @Test
    void every_class_in_the_concept_map_of_the_design_exists_as_a_source_file() {
        String design = read(ROOT.resolve("docs").resolve("design" + MD));

        assertThat(conceptMapClasses(design)).as("classes the concept map names").hasSizeGreaterThan(20);
        assertThat(missingClasses(ROOT, design)).as("classes in the concept map without a .java file").isEmpty();
        assertThat(missingModules(ROOT, design)).as("modules in the concept map without a pom.xml").isEmpty();
    }

    @Test
    void a_link_to_a_missing_document_and_a_bare_name_of_one_are_both_reported(@TempDir Path tree) throws IOException {
        Files.createDirectories(tree.resolve("docs"));
        Files.writeString(tree.resolve("docs").resolve("present" + MD), "# here\n");
        Files.writeString(tree.resolve("README" + MD),
                "See [the design](docs/present" + MD + "#modules) and [the rest](docs/absent" + MD + ").\n");
        Path source = tree.resolve("domain").resolve("src").resolve("Thing.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "/** The rules of present" + MD + " and of GONE" + MD + ". */\nclass Thing {}\n");

        assertThat(missingDocuments(tree)).containsExactly(
                "README" + MD + ":1: docs/absent" + MD,
                "domain/src/Thing.java:1: GONE" + MD);
    }

    @Test
    void a_bare_name_is_found_beside_its_file_at_the_root_or_in_docs(@TempDir Path tree) throws IOException {
        Files.createDirectories(tree.resolve("docs"));
        Files.createDirectories(tree.resolve("module"));
        Files.writeString(tree.resolve("docs").resolve("contract" + MD), "# contract\n");
        Files.writeString(tree.resolve("TOP" + MD), "# top\n");
        Files.writeString(tree.resolve("module").resolve("NOTES" + MD), "# notes\n");
        Files.writeString(tree.resolve("module").resolve("pom.xml"),
                "<!-- see contract" + MD + ", TOP" + MD + ", NOTES" + MD + " and docs/contract" + MD + " -->\n");
        Files.createDirectories(tree.resolve("target"));
        Files.writeString(tree.resolve("target").resolve("Built.java"), "// built output is not read: LOST" + MD + "\n");

        assertThat(missingDocuments(tree)).isEmpty();
    }

    @Test
    void a_class_or_a_module_the_concept_map_names_but_the_tree_lacks_is_reported(@TempDir Path tree) throws IOException {
        Path source = tree.resolve("domain").resolve("src").resolve("CacheKey.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class CacheKey {}\n");
        Files.writeString(tree.resolve("domain").resolve("pom.xml"), "<project/>\n");
        String design = String.join("\n",
                "# design", "", CONCEPT_MAP_HEADING, "",
                "| concept | class(es) | module |",
                "|---|---|---|",
                "| cache key | `CacheKey`, `VanishedKey` | domain |",
                "| the read path | `Reader` (port `CacheKey`) | application, domain |",
                "", "## After the map", "| not | `InTheMap` | nowhere |", "");

        assertThat(conceptMapClasses(design)).containsExactly("CacheKey", "Reader", "VanishedKey");
        assertThat(missingClasses(tree, design)).containsExactly("Reader", "VanishedKey");
        assertThat(missingModules(tree, design)).containsExactly("application");
    }

    // --- the checks, on any tree, so that the fixtures above can show each one failing ---

    static List<String> missingDocuments(Path root) {
        List<String> missing = new ArrayList<>();
        for (Path file : filesNamingDocuments(root)) {
            String[] lines = read(file).split("\n", -1);
            boolean markdown = file.getFileName().toString().endsWith(MD);
            for (int i = 0; i < lines.length; i++) {
                Set<String> reported = new TreeSet<>();
                if (markdown) {
                    Matcher link = LINK.matcher(lines[i]);
                    while (link.find()) {
                        String target = localTarget(link.group(1));
                        if (target != null && !Files.exists(file.getParent().resolve(target).normalize())) {
                            reported.add(target);
                        }
                    }
                }
                Matcher bare = BARE.matcher(lines[i]);
                while (bare.find()) {
                    String name = bare.group(1);
                    if (!reported.contains(name) && !existsAsBareName(root, file, name)) {
                        reported.add(name);
                    }
                }
                for (String name : reported) {
                    missing.add(root.relativize(file).toString().replace('\\', '/') + ":" + (i + 1) + ": " + name);
                }
            }
        }
        return missing;
    }

    static Set<String> conceptMapClasses(String design) {
        Set<String> classes = new TreeSet<>();
        for (String[] row : conceptMapRows(design)) {
            Matcher name = CLASS_IN_BACKTICKS.matcher(row[1]);
            while (name.find()) {
                classes.add(name.group(1));
            }
        }
        return classes;
    }

    static Set<String> missingClasses(Path root, String design) {
        Set<String> sources;
        try (Stream<Path> files = walk(root)) {
            sources = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".java"))
                    .map(name -> name.substring(0, name.length() - ".java".length()))
                    .collect(Collectors.toSet());
        }
        Set<String> missing = new TreeSet<>(conceptMapClasses(design));
        missing.removeAll(sources);
        return missing;
    }

    static Set<String> missingModules(Path root, String design) {
        Set<String> missing = new TreeSet<>();
        for (String[] row : conceptMapRows(design)) {
            for (String entry : row[2].split(",")) {
                String module = entry.trim().split("\\s+")[0];
                if (!module.isEmpty() && !Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
                    missing.add(module);
                }
            }
        }
        return missing;
    }

    /** The rows of the table under the concept map's heading, as {concept, classes, module}. */
    private static List<String[]> conceptMapRows(String design) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = design.split("\n", -1);
        int at = 0;
        while (at < lines.length && !lines[at].trim().equals(CONCEPT_MAP_HEADING)) {
            at++;
        }
        boolean inTable = false;
        for (int i = at + 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("\\|");
            boolean header = cells[0].trim().equals("concept") || cells[0].trim().matches("[-: ]+");
            if (!header && cells.length >= 3) {
                rows.add(new String[] {cells[0].trim(), cells[1].trim(), cells[2].trim()});
            }
        }
        return rows;
    }

    /** A link's target as a path to check, or null for a URL, an anchor in the same page, or a mail address. */
    private static String localTarget(String target) {
        if (target.contains("://") || target.startsWith("#") || target.startsWith("mailto:")) {
            return null;
        }
        int cut = target.indexOf('#');
        String path = cut < 0 ? target : target.substring(0, cut);
        return path.isEmpty() ? null : path;
    }

    private static boolean existsAsBareName(Path root, Path file, String name) {
        return Stream.of(file.getParent(), root, root.resolve("docs"))
                .anyMatch(folder -> Files.exists(folder.resolve(name).normalize()));
    }

    /** Java sources, markdown pages, build files and scripts: wherever a document may be named. */
    private static List<Path> filesNamingDocuments(Path root) {
        try (Stream<Path> files = walk(root)) {
            return files.filter(DocumentReferencesTest::namesDocuments).sorted().toList();
        }
    }

    private static boolean namesDocuments(Path file) {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(MD) || name.endsWith(".xml") || name.endsWith(".sh")
                || folder.equals("bin") || folder.equals(".ci");
    }

    /** Every regular file below {@code root}, not descending into build output or tool folders. */
    private static Stream<Path> walk(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    boolean skip = !folder.equals(root) && SKIPPED_FOLDERS.contains(folder.getFileName().toString());
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the nearest folder, from the working directory up, with docs/ and bootstrap/. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path at = here; at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("docs")) && Files.isDirectory(at.resolve("bootstrap"))
                    && Files.isRegularFile(at.resolve("pom.xml"))) {
                return at;
            }
        }
        throw new IllegalStateException("no repository root (a folder with docs/, bootstrap/ and pom.xml) above " + here);
    }
}
