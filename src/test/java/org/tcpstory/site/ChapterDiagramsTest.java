package org.tcpstory.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
