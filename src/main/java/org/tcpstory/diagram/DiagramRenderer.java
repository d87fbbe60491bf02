package org.tcpstory.diagram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.sourceforge.plantuml.BlockUml;
import net.sourceforge.plantuml.ErrorUml;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.core.Diagram;
import net.sourceforge.plantuml.core.ImageData;
import net.sourceforge.plantuml.dot.GraphvizUtils;
import net.sourceforge.plantuml.error.PSystemError;
import org.tcpstory.diagnostic.Text;

/**
 * Renders PlantUML source in-process, to SVG for the site and to PNG for the {@code diagrams} command.
 * Every diagram PlantUML rejects or fails on becomes a {@link DiagramException}; an error image is never
 * returned. Stateless and safe to share between threads (see {@link #svg}).
 */
public final class DiagramRenderer {

    /** The largest PNG scale factor: a long chapter's sequence diagram at 4x is already about 100 megapixels. */
    public static final int MAX_SCALE = 4;

    /** The largest PNG side, in pixels (PlantUML's own default limit is 4096). */
    public static final int MAX_PNG_SIDE = 16384;

    public DiagramRenderer() {
        // Before any PlantUML class reads its configuration; and fonts before PlantUML measures text.
        PlantUmlSandbox.ensure();
        CjkFonts.lookup();
    }

    /**
     * PlantUML escapes {@code <} and {@code &} in SVG text but not {@code >}, so an authored {@code ]]>} would
     * make the SVG ill-formed XML. Outside CDATA sections that sequence may always be written {@code ]]&gt;}.
     */
    static String escapeCdataEnds(String svg) {
        StringBuilder out = new StringBuilder(svg.length());
        int i = 0;
        while (i < svg.length()) {
            int cdata = svg.indexOf("<![CDATA[", i);
            int end = svg.indexOf("]]>", i);
            if (end < 0) {
                out.append(svg, i, svg.length());
                break;
            }
            if (cdata >= 0 && cdata < end) {
                // Copy the whole CDATA section, whose own ]]> closes it.
                out.append(svg, i, end + 3);
            } else {
                out.append(svg, i, end).append("]]&gt;");
            }
            i = end + 3;
        }
        return out.toString();
    }

    /**
     * The SVG of a diagram, without PlantUML's embedded copy of the source, its lifelines' names restored
     * ({@link LifelineTitles}), checked by {@link SvgSafety}.
     * The same source gives byte-identical SVG.
     *
     * <p>Thread safety: PlantUML 1.2026.9 builds a fresh model for each {@link SourceStringReader}; its
     * Smetana layout keeps the graph in a per-call {@code Globals} object, its security profile sits
     * behind a synchronized getter, and the PNG size limit set here is a thread-local. Measured: 2,080
     * renders of 78 diagrams (SVG and PNG, every theme) on 12 threads were byte-identical to sequential
     * renders, and DiagramRendererTest repeats a smaller run. So no lock is taken here; should a later
     * PlantUML version break this, guard {@code render} with one lock.
     *
     * @throws DiagramException when PlantUML rejects the source or fails, or the SVG is unsafe
     */
    public String svg(String source) {
        String svg = LifelineTitles.restore(
                escapeCdataEnds(new String(render(source, FileFormat.SVG, 0).bytes(), StandardCharsets.UTF_8)));
        SvgSafety.check(svg);
        return CjkFonts.family().map(family -> SvgFonts.withFallbacks(svg, family)).orElse(svg);
    }

    /**
     * A PNG of the diagram, {@code scale} times its natural size (PlantUML's {@code scale} command is
     * added after {@code @startuml}: its {@code FileFormatOption.withScale} has no effect on PNGs).
     *
     * @throws IllegalArgumentException when scale is not 1 to {@link #MAX_SCALE}
     * @throws DiagramException         when PlantUML rejects the source or fails, or the image would be
     *                                  larger than {@link #MAX_PNG_SIDE} pixels on a side
     */
    public byte[] png(String source, int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 1 to " + MAX_SCALE + ", not " + scale);
        }
        return png(source, scale > 1 ? "scale " + scale : null, scale);
    }

    /**
     * A PNG of the diagram scaled up or down to fit a box of {@code width} x {@code height} pixels, its
     * proportions kept: drawn by PlantUML at that size, so text stays sharp.
     *
     * @throws IllegalArgumentException when a side is not 1 to {@link #MAX_PNG_SIDE}
     * @throws DiagramException         when PlantUML rejects the source or fails
     */
    public byte[] png(String source, int width, int height) {
        if (width < 1 || height < 1 || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE) {
            throw new IllegalArgumentException("a PNG side must be 1 to " + MAX_PNG_SIDE + ", not " + width + " x "
                    + height);
        }
        return png(source, "scale " + width + "*" + height, 0);
    }

    /**
     * @param scaleCommand the {@code scale} line to add after {@code @startuml}, or null
     * @param factor       how many times its natural size the PNG is drawn, to check its sides by; 0 when
     *                     it is fitted into a box, which is already small enough
     */
    private static byte[] png(String source, String scaleCommand, int factor) {
        String scaled = source;
        int scaleLine = 0;
        int start = source.indexOf("@startuml");
        int lineEnd = start < 0 ? -1 : source.indexOf('\n', start);
        if (scaleCommand != null && lineEnd >= 0) {
            scaled = source.substring(0, lineEnd + 1) + scaleCommand + "\n" + source.substring(lineEnd + 1);
            scaleLine = (int) source.substring(0, lineEnd + 1).chars().filter(c -> c == '\n').count() + 1;
        }
        // PlantUML silently crops PNGs at 4096 pixels (PLANTUML_LIMIT_SIZE); raise the limit for this thread
        // only, and refuse what would still be cropped.
        GraphvizUtils.setLocalImageLimit(MAX_PNG_SIDE);
        try {
            Rendered png = render(scaled, FileFormat.PNG, scaleLine);
            if ((long) png.width() * factor > MAX_PNG_SIDE || (long) png.height() * factor > MAX_PNG_SIDE) {
                throw new DiagramException(Text.of("drawing.tooLarge", (long) png.width() * factor,
                        (long) png.height() * factor, factor, MAX_PNG_SIDE), 0);
            }
            return png.bytes();
        } finally {
            GraphvizUtils.removeLocalLimitSize();
        }
    }

    /** What PlantUML drew, with its size before any {@code scale}. */
    private record Rendered(byte[] bytes, int width, int height) {
    }

    /**
     * @param insertedLine a 1-based line we added to the source (0: none), left out of error line numbers
     */
    private static Rendered render(String source, FileFormat format, int insertedLine) {
        PlantUmlSandbox.ensure();
        List<BlockUml> blocks = new SourceStringReader(source).getBlocks();
        if (blocks.size() != 1) {
            throw new DiagramException(blocks.isEmpty() ? Text.of("drawing.noBlock")
                    : Text.of("drawing.severalBlocks", blocks.size()), 0);
        }
        Diagram diagram = blocks.get(0).getDiagram();
        if (diagram instanceof PSystemError error) {
            throw rejected(source, error, insertedLine);
        }
        if (diagram.getClass().getPackageName().endsWith(".eggs")) {
            // An empty @startuml block shows PlantUML's welcome page: a bug in the caller, not a diagram.
            throw new DiagramException(Text.of("drawing.empty"), 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageData image;
        try {
            image = diagram.exportDiagram(out, 0, new FileFormatOption(format, false));
        } catch (IOException | RuntimeException e) {
            throw new DiagramException(Text.of("drawing.failed", String.valueOf(e)), e);
        }
        if (image.getRootCause() != null) {
            throw new DiagramException(Text.of("drawing.failed", String.valueOf(image.getRootCause())),
                    image.getRootCause());
        }
        if (image.getStatus() >= 400) {
            throw new DiagramException(Text.of("drawing.failedStatus", image.getStatus()), 0);
        }
        return new Rendered(out.toByteArray(), image.getWidth(), image.getHeight());
    }

    private static DiagramException rejected(String source, PSystemError error, int insertedLine) {
        int line = error.getLineLocation() == null ? 0 : error.getLineLocation().getPosition() + 1;
        if (insertedLine > 0 && line > insertedLine) {
            line--;
            source = source.replaceFirst("\nscale \\d+(\\*\\d+)?\n", "\n");
        }
        ErrorUml first = error.getFirstError();
        String message = first == null ? String.valueOf(error.getWarningOrError()).strip() : first.getError();
        String[] lines = source.split("\n", -1);
        // PlantUML's words and the line it names, as they are.
        Text why = line >= 1 && line <= lines.length
                ? Text.of("drawing.rejectedAt", line, lines[line - 1].strip(), message)
                : Text.of("drawing.rejected", line, message);
        return new DiagramException(why, line);
    }
}
