package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.junit.jupiter.api.Test;
import org.tcpstory.OptionalPackages;

class CjkFontsTest {

    /** Skipped without a CJK font; in CI, which installs fonts-noto-cjk, failed. */
    private static String family() {
        OptionalPackages.requireCjkFont();
        return CjkFonts.family().orElseThrow();
    }

    @Test
    void withoutAFontTheMessageSaysWhatToInstall() {
        CjkFonts.Lookup missing = CjkFonts.missing();
        assertTrue(missing.family().isEmpty());
        String english = Messages.english().render(missing.message());
        assertTrue(english.contains("install fonts-noto-cjk"), english);
        String chinese = Messages.of(Language.CHINESE).render(missing.message());
        assertTrue(chinese.contains("请安装 fonts-noto-cjk"), chinese);
        if (CjkFonts.family().isEmpty()) {
            assertEquals(missing, CjkFonts.lookup());
        }
    }

    /** A configuration of the user's own is the whole truth: the known font files are not added behind it. */
    @Test
    void aFontconfigConfigurationOfTheUsersOwnIsHonoured() {
        assertTrue(CjkFonts.fontconfigChosen(Map.of("FONTCONFIG_FILE", "/tmp/fonts.conf")));
        assertTrue(CjkFonts.fontconfigChosen(Map.of("FONTCONFIG_PATH", "/etc/my-fonts")));
        assertFalse(CjkFonts.fontconfigChosen(Map.of("FONTCONFIG_FILE", " ", "HOME", "/root")));
        assertFalse(CjkFonts.fontconfigChosen(Map.of()));
    }

    @Test
    void findsAFontThatDrawsChinese() {
        String family = family();
        assertEquals(-1, new Font(family, Font.PLAIN, 14).canDisplayUpTo(CjkFonts.SAMPLE), family);
        String said = Messages.english().render(CjkFonts.lookup().message());
        assertTrue(said.contains(family), said);
        assertTrue(CjkFonts.lookup() == CjkFonts.lookup(), "searched once per process");
    }

    @Test
    void aKnownFontFileIsRegisteredWithTheJvm() {
        family();
        List<File> files = CjkFonts.knownFiles();
        if (files.isEmpty()) {
            fail("none of the known CJK font files is installed; install fonts-noto-cjk");
        }
        GraphicsEnvironment graphics = GraphicsEnvironment.getLocalGraphicsEnvironment();
        Optional<String> registered = CjkFonts.register(graphics, files.get(0));
        assertTrue(registered.isPresent(), files.get(0) + " gave no usable family");
        assertTrue(List.of(graphics.getAvailableFontFamilyNames(Locale.ROOT)).contains(registered.get()));
        assertEquals(-1, new Font(registered.get(), Font.PLAIN, 14).canDisplayUpTo(CjkFonts.SAMPLE));
    }

    @Test
    void chineseIsMeasuredAboutTwiceAsWideAsLatinOfTheSameLength() {
        family();
        String source = "@startuml\n" + Theme.LIGHT.skinparams(CjkFonts.family())
                + "participant \"男生客户端\" as p0\nparticipant \"abcde\" as p1\n@enduml\n";
        String svg = new DiagramRenderer().svg(source);
        double chinese = textLength(svg, "男生客户端");
        double latin = textLength(svg, "abcde");
        double ratio = chinese / latin;
        assertTrue(ratio > 1.6 && ratio < 2.8,
                "five CJK characters measure " + chinese + " px, five Latin ones " + latin + " px: ratio " + ratio
                        + "; PlantUML measured the Chinese with a Latin font");
        assertTrue(svg.contains("font-family=\"'" + family() + "', "), "the family gets fallbacks for browsers");
    }

    private static double textLength(String svg, String text) {
        Matcher m = Pattern.compile("textLength=\"([0-9.]+)\"[^>]*>" + Pattern.quote(text) + "<").matcher(svg);
        assertTrue(m.find(), () -> text + " not found in " + svg);
        return Double.parseDouble(m.group(1));
    }
}
