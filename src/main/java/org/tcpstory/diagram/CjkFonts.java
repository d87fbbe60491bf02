package org.tcpstory.diagram;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Text;

/**
 * Finds a font the JVM can measure Chinese text with. PlantUML sizes every box by measuring its text with
 * Java's font metrics; with a Latin-only font, CJK characters get Latin widths and the SVG squashes them
 * (and PNGs draw boxes). The search runs once per process, on first use (class-holder idiom: thread-safe
 * without locks).
 *
 * <p>The JVM lists the fonts fontconfig knows; the font files of common packages are registered too, for a
 * JVM that does not list them, unless the environment names a fontconfig configuration of its own
 * ({@code FONTCONFIG_FILE} or {@code FONTCONFIG_PATH}): then the fonts are exactly those it gives, so
 * {@code fc-list :lang=zh} and this search agree.
 */
public final class CjkFonts {

    /** Characters every candidate must draw: a typical peer label. */
    static final String SAMPLE = "男生客户端";

    /** Families to prefer, best first: sans-serif Simplified Chinese faces, then other CJK sans faces. */
    private static final List<String> PREFERRED = List.of(
            "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei", "Noto Sans CJK TC", "Noto Sans CJK JP", "Microsoft YaHei", "PingFang SC",
            "Droid Sans Fallback");

    /** Font files of common packages (Debian/Ubuntu first), registered when the JVM does not list them. */
    private static final List<String> FILES = List.of(
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/arphic/uming.ttc");

    /** The variables that replace fontconfig's configuration (fonts-conf(5)). */
    private static final List<String> FONTCONFIG_VARIABLES = List.of("FONTCONFIG_FILE", "FONTCONFIG_PATH");

    /** Java's logical fonts: composites whose fallbacks vary by machine, never a stable family name. */
    private static final Set<String> LOGICAL = Set.of("dialog", "dialoginput", "serif", "sansserif", "monospaced");

    /** Names we can write into a skinparam line as they are (no quote, no markup). */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]*");

    /**
     * The result of the search.
     *
     * @param family  the family to name in {@code skinparam defaultFontName}, if one was found
     * @param message one line for the user: which font is used, or what to install
     */
    public record Lookup(Optional<String> family, Text message) {
    }

    private CjkFonts() {
    }

    /** The CJK font of this process, searched for on the first call. */
    public static Lookup lookup() {
        return Holder.LOOKUP;
    }

    /** The family name alone, when there is one. */
    public static Optional<String> family() {
        return lookup().family();
    }

    private static final class Holder {
        static final Lookup LOOKUP = search();
    }

    private static Lookup search() {
        // Fonts need AWT; a build server has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        GraphicsEnvironment graphics = GraphicsEnvironment.getLocalGraphicsEnvironment();
        Optional<String> known = fromKnownFamilies(graphics);
        if (known.isPresent()) {
            return new Lookup(known, Text.of("fonts.found", known.get()));
        }
        if (fontconfigChosen(System.getenv())) {
            return missing();
        }
        for (String path : FILES) {
            Optional<String> registered = register(graphics, new File(path));
            if (registered.isPresent()) {
                return new Lookup(registered, Text.of("fonts.registered", registered.get(), path));
            }
        }
        return missing();
    }

    /** The result when no font is found: no family, and what to install. */
    static Lookup missing() {
        return new Lookup(Optional.empty(), Text.of("fonts.missing"));
    }

    /** Whether the environment points fontconfig at a configuration of its own. */
    static boolean fontconfigChosen(Map<String, String> environment) {
        return FONTCONFIG_VARIABLES.stream().map(environment::get).anyMatch(v -> v != null && !v.isBlank());
    }


    private static Optional<String> fromKnownFamilies(GraphicsEnvironment graphics) {
        List<String> families = Arrays.asList(graphics.getAvailableFontFamilyNames(Locale.ROOT));
        for (String preferred : PREFERRED) {
            if (families.contains(preferred) && usable(preferred)) {
                return Optional.of(preferred);
            }
        }
        // Any other family that draws the sample; sans faces before serif and monospaced ones.
        Optional<String> sans = families.stream().sorted()
                .filter(name -> !name.contains("Serif") && !name.contains("Mono") && !name.contains("Ming"))
                .filter(CjkFonts::usable).findFirst();
        return sans.isPresent() ? sans : families.stream().sorted().filter(CjkFonts::usable).findFirst();
    }

    private static boolean usable(String family) {
        return !LOGICAL.contains(family.toLowerCase(Locale.ROOT)) && PLAIN_NAME.matcher(family).matches()
                && new Font(family, Font.PLAIN, 14).canDisplayUpTo(SAMPLE) == -1;
    }

    /** The known font files that exist on this machine, in order of preference. */
    static List<File> knownFiles() {
        return FILES.stream().map(File::new).filter(File::isFile).toList();
    }

    /** Registers every face of a font file; returns the best family that can draw the sample. */
    static Optional<String> register(GraphicsEnvironment graphics, File file) {
        if (!file.isFile()) {
            return Optional.empty();
        }
        Font[] fonts;
        try {
            fonts = Font.createFonts(file);
        } catch (IOException | FontFormatException | RuntimeException e) {
            return Optional.empty();
        }
        String best = null;
        for (Font font : fonts) {
            graphics.registerFont(font);
            String family = font.getFamily(Locale.ROOT);
            boolean plain = PLAIN_NAME.matcher(family).matches() && font.canDisplayUpTo(SAMPLE) == -1;
            // A .ttc holds the JP, KR, SC, TC faces of one design: take the Simplified Chinese one.
            if (plain && (best == null || family.endsWith(" SC"))) {
                best = family;
            }
        }
        return Optional.ofNullable(best).filter(CjkFonts::usable);
    }
}
