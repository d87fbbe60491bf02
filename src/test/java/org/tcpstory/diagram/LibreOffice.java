package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's LibreOffice Impress and poppler's tools, for tests that open a deck as a user would. Outside CI
 * a machine without them skips the test; in CI ({@code CI=true}) that is a failure, because .ci/run installs
 * them.
 */
final class LibreOffice {

    private static final Path SOFFICE = Path.of("/usr/bin/soffice");
    private static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");
    private static final Path PDFINFO = Path.of("/usr/bin/pdfinfo");

    private LibreOffice() {
    }

    /** Stops the test unless soffice, pdftoppm and pdfinfo are installed (and fails it in CI). */
    static void require() {
        boolean installed = Files.isExecutable(SOFFICE) && Files.isExecutable(PDFTOPPM) && Files.isExecutable(PDFINFO);
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("LibreOffice Impress and poppler-utils must be installed in CI (.ci/run installs them)");
        }
        assumeTrue(installed, "LibreOffice or poppler-utils is not installed: "
                + "apt-get install libreoffice-impress poppler-utils");
    }

    /** Converts a document to PDF in {@code work} with a profile of its own there; returns the PDF. */
    static Path toPdf(Path document, Path work) throws IOException, InterruptedException {
        Path out = work.resolve("pdf");
        run(work, SOFFICE.toString(), "-env:UserInstallation=" + work.resolve("profile").toUri(), "--headless",
                "--convert-to", "pdf", "--outdir", out.toString(), document.toString());
        String name = document.getFileName().toString();
        Path pdf = out.resolve(name.substring(0, name.lastIndexOf('.')) + ".pdf");
        assertTrue(Files.isRegularFile(pdf), "LibreOffice wrote no PDF for " + document);
        return pdf;
    }

    /** The number of pages of a PDF, as pdfinfo reads it. */
    static int pages(Path pdf, Path work) throws IOException, InterruptedException {
        for (String line : run(work, PDFINFO.toString(), pdf.toString()).split("\n")) {
            if (line.startsWith("Pages:")) {
                return Integer.parseInt(line.substring("Pages:".length()).strip());
            }
        }
        throw new AssertionError("pdfinfo gave no page count for " + pdf);
    }

    /** One page of a PDF as a PNG (pdftoppm at 48 dpi). */
    static Path page(Path pdf, int page, Path work) throws IOException, InterruptedException {
        Path prefix = work.resolve("page");
        run(work, PDFTOPPM.toString(), "-png", "-r", "48", "-f", String.valueOf(page), "-l", String.valueOf(page),
                "-singlefile", pdf.toString(), prefix.toString());
        return work.resolve("page.png");
    }

    private static String run(Path work, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        Path log = Files.createTempFile(work, "run", ".log");
        Process process = new ProcessBuilder(args).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", args) + " did not finish in 180 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", args) + ":\n" + output);
        return output;
    }
}
