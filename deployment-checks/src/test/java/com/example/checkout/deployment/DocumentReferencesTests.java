package com.example.checkout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every document and comment points at files that are in this repository: markdown links resolve, every
 * {@code docs/<name>.md} mentioned anywhere exists, and nothing cites the design notes this project was planned from,
 * which are not part of it.
 */
class DocumentReferencesTests {

    /** Files a reader opens: sources, build files, manifests, scripts, docs. */
    private static final Pattern TEXT_FILE = Pattern.compile(
            ".*\\.(md|java|sql|conf|ya?ml|xml|sh|properties|json)|Dockerfile|\\.dockerignore|run");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", ".mvn", "node_modules", ".idea");

    /** {@code [text](target)} in markdown; the target up to a space, a {@code #} or the closing parenthesis. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s#]+)[^)]*\\)");
    /** {@code docs/architecture.md}, also inside comments and code. */
    private static final Pattern DOCS_MENTION = Pattern.compile("(?<![\\w/.-])docs/[\\w./-]+\\.md");
    /** Built from parts so this file does not trip its own check. */
    private static final List<String> OUTSIDE_NOTES = List.of("ARCHITECTURE" + ".md", "BRIEF" + ".md", "../" + "shared/");

    private final Path root = Architecture.repositoryRoot();

    @Test
    void everyMarkdownLinkPointsAtAFileInTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path file : textFiles()) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            Matcher link = MARKDOWN_LINK.matcher(read(file));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                Path resolved = file.getParent().resolve(target).normalize();
                if (!resolved.startsWith(root) || !Files.exists(resolved)) {
                    broken.add(root.relativize(file) + ": " + target);
                }
            }
        }

        assertThat(broken).as("markdown links to files that are not in the repository").isEmpty();
    }

    @Test
    void everyDocMentionedAnywhereExists() {
        List<String> missing = new ArrayList<>();
        for (Path file : textFiles()) {
            Matcher mention = DOCS_MENTION.matcher(read(file));
            while (mention.find()) {
                if (!Files.isRegularFile(root.resolve(mention.group()))) {
                    missing.add(root.relativize(file) + ": " + mention.group());
                }
            }
        }

        assertThat(missing).as("docs/… named in a file but not in the repository").isEmpty();
    }

    @Test
    void nothingCitesNotesFromOutsideTheRepository() {
        List<String> citing = new ArrayList<>();
        for (Path file : textFiles()) {
            String text = read(file);
            OUTSIDE_NOTES.stream().filter(text::contains).forEach(note -> citing.add(root.relativize(file) + ": " + note));
        }

        assertThat(citing).as("references to notes that are not part of this repository").isEmpty();
    }

    @Test
    void aBrokenReferenceIsCaught() {
        String missingDoc = "docs/" + "no-such-page.md"; // in parts, or this file would fail the check above
        assertThat(DOCS_MENTION.matcher("see " + missingDoc + ", \"Events\"").find()).isTrue();
        Matcher link = MARKDOWN_LINK.matcher("[the API](order-service/README.md#errors)");
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo("order-service/README.md");
        assertThat(Files.exists(root.resolve(missingDoc))).isFalse();
        assertThat(textFiles()).contains(root.resolve("docs/architecture.md"), root.resolve("README.md"),
                root.resolve("order-service/src/main/resources/db/migration/orders/V3__outbox.sql"));
    }

    private List<Path> textFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> Stream.of(root.relativize(file).toString().split("/"))
                            .noneMatch(SKIPPED_DIRECTORIES::contains))
                    .filter(Files::isRegularFile)
                    .filter(file -> TEXT_FILE.matcher(file.getFileName().toString()).matches())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException notText) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
