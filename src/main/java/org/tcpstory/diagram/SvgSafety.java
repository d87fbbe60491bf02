package org.tcpstory.diagram;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.tcpstory.diagnostic.Text;
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
            throw new DiagramException(Text.of("drawing.notXml", Text.message(e)), e);
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

    /**
     * URLs hidden in any value: script and data URLs, and url(...) that points outside the SVG. Browsers
     * ignore spaces and control characters inside a scheme ("java script:" still runs) and letter case, so
     * each construct is looked for with those skipped: backwards from every colon, forwards from every
     * {@code @} and around every {@code (}. No copy of the value is made: this runs on every style
     * attribute of every diagram a build reads from the cache.
     */
    private static void checkValue(String where, String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case ':' -> {
                    if (endsWith(value, i, "javascript") || endsWith(value, i, "vbscript") || endsWith(value, i, "data")) {
                        reject("script or data URL in " + where);
                    }
                }
                case '@' -> {
                    if (startsWith(value, i + 1, "import")) {
                        reject("@import in " + where);
                    }
                }
                case '(' -> {
                    if (endsWith(value, i, "url")) {
                        int target = skipIgnored(value, i + 1);
                        if (target < value.length() && (value.charAt(target) == '\'' || value.charAt(target) == '"')) {
                            target = skipIgnored(value, target + 1);
                        }
                        if (target >= value.length() || value.charAt(target) != '#') {
                            reject("external url(...) in " + where);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Whether {@code word} (lower case) ends just before {@code end}, ignoring case, spaces and controls. */
    private static boolean endsWith(String value, int end, String word) {
        int at = end;
        for (int k = word.length() - 1; k >= 0; k--) {
            do {
                at--;
            } while (at >= 0 && ignored(value.charAt(at)));
            if (at < 0 || Character.toLowerCase(value.charAt(at)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code word} (lower case) starts at or after {@code start}, ignoring case, spaces and controls. */
    private static boolean startsWith(String value, int start, String word) {
        int at = start;
        for (int k = 0; k < word.length(); k++) {
            at = skipIgnored(value, at);
            if (at >= value.length() || Character.toLowerCase(value.charAt(at)) != word.charAt(k)) {
                return false;
            }
            at++;
        }
        return true;
    }

    private static int skipIgnored(String value, int from) {
        int at = from;
        while (at < value.length() && ignored(value.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean ignored(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c);
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
        throw new DiagramException(Text.of("drawing.unsafe", what), 0);
    }
}
