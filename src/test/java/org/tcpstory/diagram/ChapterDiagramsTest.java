package org.tcpstory.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ChapterDiagramsTest {

    @Test
    void inlineSvgGetsPrefixedIdsAndNoProlog() {
        String svg = "<?xml version=\"1.0\"?><svg><?plantuml 1.2026.9?><defs><linearGradient id=\"g1\"/></defs>"
                + "<g id=\"part1\"><rect fill=\"url(#g1)\"/><path xlink:href=\"#part1\" href=\"#other\"/></g></svg>";
        assertEquals("<svg><defs><linearGradient id=\"hello-sequence-g1\"/></defs><g id=\"hello-sequence-part1\">"
                        + "<rect fill=\"url(#hello-sequence-g1)\"/><path xlink:href=\"#hello-sequence-part1\" href=\"#other\"/></g></svg>",
                ChapterDiagrams.inline(svg, "hello-sequence-"));
    }

    @Test
    void onlyAttributesNamedIdDeclareIds() {
        String svg = "<svg><g data-id=\"a\" xid=\"b\" id=\"c\"/><use href=\"#a\"/><use href=\"#b\"/><use href=\"#c\"/></svg>";
        assertEquals("<svg><g data-id=\"a\" xid=\"b\" id=\"p-c\"/><use href=\"#a\"/><use href=\"#b\"/><use href=\"#p-c\"/></svg>",
                ChapterDiagrams.inline(svg, "p-"));
    }

    /**
     * The scanner gives what the regular expressions it replaced gave (kept here as the reference), on
     * text made of the pieces that matter: openers, terminators, ids, processing instructions.
     */
    @Property(tries = 2000)
    void inlineAgreesWithTheRegularExpressions(@ForAll("svgLike") String svg) {
        assertEquals(reference(svg, "p-"), ChapterDiagrams.inline(svg, "p-"));
    }

    @Provide
    Arbitrary<String> svgLike() {
        List<String> pieces = List.of("id=\"", "url(#", "href=\"#", "xlink:", "data-", "x", "\"", ")", "a", "b", " ",
                "<?", "?>", ">", "_", "-", "<g ", "/>", "\n", "\t");
        return Arbitraries.of(pieces).list().ofMaxSize(40).map(list -> String.join("", list));
    }

    private static final Pattern PROCESSING_INSTRUCTION = Pattern.compile("<\\?.*?\\?>", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("(?<![^\\s])id=\"([^\"]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("((?<![^\\s])id=\"|url\\(#|href=\"#)([^\")]+)([\")])");

    private static String reference(String svg, String prefix) {
        String body = PROCESSING_INSTRUCTION.matcher(svg).replaceAll("").strip();
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ID.matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            return body;
        }
        Matcher r = REFERENCE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (r.find()) {
            String replacement = ids.contains(r.group(2)) ? r.group(1) + prefix + r.group(2) + r.group(3) : r.group();
            r.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        r.appendTail(out);
        return out.toString();
    }
}
