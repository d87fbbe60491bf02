package org.tcpstory.diagram;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The last check before an SVG leaves tcpstory: the site inlines diagrams into its pages, so an SVG must
 * not be able to run script or fetch anything, whatever reached PlantUML. It parses the SVG as XML and
 * rejects script and embedded-document elements, event-handler attributes, {@code javascript:} and
 * {@code data:} URLs, and any link or reference that is not to an id inside the same SVG. Text content is
 * not inspected: PlantUML escapes it, so a label {@code <script>} is harmless text.
 *
 * <p>The parse is streamed (SAX, no tree), with one parser per thread: it runs on every diagram drawn.
 */
final class SvgSafety {

    /** Elements that run code, embed other documents, or change attributes (to a URL) after loading. */
    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "foreignobject", "iframe", "object",
            "embed", "handler", "listener", "animate", "set", "animatemotion", "animatetransform", "animatecolor",
            "image", "use", "a");

    private static final ThreadLocal<SAXParser> PARSER = ThreadLocal.withInitial(SvgSafety::newParser);

    private SvgSafety() {
    }

    /** Throws {@link DiagramException} naming the first unsafe construct, or returns normally. */
    static void check(String svg) {
        SAXParser parser = PARSER.get();
        try {
            parser.parse(new InputSource(new StringReader(svg)), new Checker());
        } catch (SAXException | IOException e) {
            throw new DiagramException("PlantUML produced an SVG that is not well-formed XML: " + e.getMessage(), e);
        } finally {
            parser.reset();
        }
    }

    /** Checks each element as the parser reports it; text is kept only inside a {@code <style>} element. */
    private static final class Checker extends DefaultHandler {
        private StringBuilder style;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String name = localName == null || localName.isEmpty() ? qName : localName;
            if (FORBIDDEN_ELEMENTS.contains(name) || FORBIDDEN_ELEMENTS.contains(name.toLowerCase(Locale.ROOT))) {
                reject("<" + name + "> element");
            }
            for (int i = 0; i < attributes.getLength(); i++) {
                String local = attributes.getLocalName(i);
                checkAttribute(name, local == null || local.isEmpty() ? attributes.getQName(i) : local,
                        attributes.getQName(i), attributes.getValue(i));
            }
            if (name.equalsIgnoreCase("style")) {
                style = new StringBuilder();
            }
        }

        @Override
        public void characters(char[] text, int start, int length) {
            if (style != null) {
                style.append(text, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (style != null) {
                String text = style.toString();
                if (suspicious(text)) {
                    checkValue("<style> content", text);
                }
                style = null;
            }
        }

        @Override
        public void processingInstruction(String target, String data) {
            if (!target.equals("plantuml")) {
                // xml-stylesheet could load an external style sheet.
                reject("processing instruction <?" + target + "?>");
            }
        }
    }

    private static void checkAttribute(String element, String name, String qName, String value) {
        if (name.regionMatches(true, 0, "on", 0, 2)) {
            reject("event handler " + qName + " on <" + element + ">");
        }
        if (name.equalsIgnoreCase("href") || name.equalsIgnoreCase("src") || name.equalsIgnoreCase("action")
                || name.equalsIgnoreCase("formaction")) {
            if (!value.strip().startsWith("#")) {
                reject("link " + qName + "=\"" + value + "\" on <" + element + ">");
            }
        }
        if (suspicious(value)) {
            checkValue(qName + " on <" + element + ">", value);
        }
    }

    /**
     * Whether a value has one of the characters every construct {@link #checkValue} looks for has: most
     * values (numbers, colours, fonts) have none, and are passed in one scan with nothing made.
     */
    private static boolean suspicious(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':' || c == '@' || c == '(') {
                return true;
            }
        }
        return false;
    }

    /** URLs hidden in any value: script and data URLs, and url(...) that points outside the SVG. */
    private static void checkValue(String where, String value) {
        // Browsers ignore spaces and control characters inside a scheme: "java script:" still runs.
        StringBuilder compact = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                compact.append(Character.toLowerCase(c));
            }
        }
        String plain = compact.toString();
        if (plain.contains("javascript:") || plain.contains("vbscript:") || plain.contains("data:")) {
            reject("script or data URL in " + where);
        }
        if (plain.contains("@import")) {
            reject("@import in " + where);
        }
        for (int at = plain.indexOf("url("); at >= 0; at = plain.indexOf("url(", at + 4)) {
            int target = at + 4;
            if (target < plain.length() && (plain.charAt(target) == '\'' || plain.charAt(target) == '"')) {
                target++;
            }
            if (!plain.startsWith("#", target)) {
                reject("external url(...) in " + where);
            }
        }
    }

    private static SAXParser newParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
    }

    private static void reject(String what) {
        throw new DiagramException("unsafe SVG rejected: " + what, 0);
    }
}
