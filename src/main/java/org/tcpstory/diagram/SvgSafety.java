package org.tcpstory.diagram;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The last check before an SVG leaves tcpstory: the site inlines diagrams into its pages, so an SVG must
 * not be able to run script or fetch anything, whatever reached PlantUML. It parses the SVG as XML and
 * rejects script and embedded-document elements, event-handler attributes, {@code javascript:} and
 * {@code data:} URLs, and any link or reference that is not to an id inside the same SVG. Text content is
 * not inspected: PlantUML escapes it, so a label {@code <script>} is harmless text.
 */
final class SvgSafety {

    /** Elements that run code, embed other documents, or change attributes (to a URL) after loading. */
    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "foreignobject", "iframe", "object",
            "embed", "handler", "listener", "animate", "set", "animatemotion", "animatetransform", "animatecolor",
            "image", "use", "a");

    private SvgSafety() {
    }

    /** Throws {@link DiagramException} naming the first unsafe construct, or returns normally. */
    static void check(String svg) {
        Document document = parse(svg);
        for (Node child = document.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE && !child.getNodeName().equals("plantuml")) {
                // xml-stylesheet could load an external style sheet.
                reject("processing instruction <?" + child.getNodeName() + "?>");
            }
        }
        checkElement(document.getDocumentElement());
    }

    private static void checkElement(Element element) {
        String name = element.getLocalName() == null ? element.getTagName() : element.getLocalName();
        if (FORBIDDEN_ELEMENTS.contains(name.toLowerCase(Locale.ROOT))) {
            reject("<" + name + "> element");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            checkAttribute(name, (Attr) attributes.item(i));
        }
        if (name.equalsIgnoreCase("style")) {
            checkValue("<style> content", element.getTextContent());
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                checkElement(childElement);
            } else if (child.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE
                    && !child.getNodeName().equals("plantuml")) {
                reject("processing instruction <?" + child.getNodeName() + "?>");
            }
        }
    }

    private static void checkAttribute(String element, Attr attribute) {
        String name = (attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName())
                .toLowerCase(Locale.ROOT);
        String value = attribute.getValue();
        if (name.startsWith("on")) {
            reject("event handler " + attribute.getName() + " on <" + element + ">");
        }
        if (name.equals("href") || name.equals("src") || name.equals("action") || name.equals("formaction")) {
            if (!value.strip().startsWith("#")) {
                reject("link " + attribute.getName() + "=\"" + value + "\" on <" + element + ">");
            }
        }
        checkValue(attribute.getName() + " on <" + element + ">", value);
    }

    /** URLs hidden in any value: script and data URLs, and url(...) that points outside the SVG. */
    private static void checkValue(String where, String value) {
        StringBuilder compact = new StringBuilder(value.length());
        value.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp))
                .forEach(compact::appendCodePoint);
        String plain = compact.toString().toLowerCase(Locale.ROOT);
        if (plain.contains("javascript:") || plain.contains("vbscript:") || plain.contains("data:")) {
            reject("script or data URL in " + where);
        }
        if (plain.contains("@import")) {
            reject("@import in " + where);
        }
        int at = plain.indexOf("url(");
        while (at >= 0) {
            String target = plain.substring(at + 4).replaceFirst("^['\"]", "");
            if (!target.startsWith("#")) {
                reject("external url(...) in " + where);
            }
            at = plain.indexOf("url(", at + 4);
        }
    }

    private static Document parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throw on fatal errors, print nothing
            return builder.parse(new InputSource(new StringReader(svg)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new DiagramException("PlantUML produced an SVG that is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void reject(String what) {
        throw new DiagramException("unsafe SVG rejected: " + what, 0);
    }
}
