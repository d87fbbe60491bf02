package org.tcpstory.site;

import freemarker.core.Environment;
import freemarker.core.TemplateProcessingTracer;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.Template;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * Stops a page's template that runs away: one nested deeper than {@link #MAX_DEPTH} elements (a macro or
 * function that calls itself without end, which would otherwise overflow the stack), or one still running
 * after its time limit (a loop over two billion items). FreeMarker has no time limit of its own; its
 * public {@link TemplateProcessingTracer} is called on entering and leaving every element, the body of a
 * loop included, with the template and line, so the error can say where. One guard per page render.
 */
final class TemplateGuard implements TemplateProcessingTracer {

    /** How long one page's template may run: pages render in milliseconds, so this stops only a runaway. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    /** How deep elements may nest while a page renders (macro calls, includes, loops, conditions): themes need 30. */
    static final int MAX_DEPTH = 500;

    static final Text TOO_DEEP = Text.of("template.tooDeep", MAX_DEPTH);

    /** Thrown out of the template to stop it, with where it was. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient String template;
        private final int line;
        private final transient Text why;

        Stopped(String template, int line, Text why) {
            super(Messages.english().render(why), null, false, false);
            this.template = template;
            this.line = line;
            this.why = why;
        }

        Text why() {
            return why;
        }

        String template() {
            return template;
        }

        int line() {
            return line;
        }
    }

    private final Duration limit;
    private final long deadline;
    private int depth;
    private long entered;
    private String template;
    private int line;

    TemplateGuard(Duration limit) {
        this.limit = limit;
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    /** The configuration every {@link Templates} starts from: FreeMarker 2.3.34's, with loops the guard sees. */
    static Configuration configuration() {
        return new LoopCheckingConfiguration();
    }

    @Override
    public void enterElement(Environment environment, TracedElement element) {
        Template at = element.getTemplate();
        template = at == null ? null : at.getSourceName();
        line = element.getBeginLine();
        if (++depth > MAX_DEPTH) {
            throw new Stopped(template, line, TOO_DEEP);
        }
        // The clock is read on every 64th element only: a runaway loop still enters millions a second.
        if ((++entered & 63) == 0 && System.nanoTime() - deadline > 0) {
            throw new Stopped(template, line, Text.of("template.tooLong",
                    String.format(Locale.ROOT, "%s", limit.toMillis() / 1000.0)));
        }
    }

    @Override
    public void exitElement(Environment environment, TracedElement element) {
        depth--;
    }

    /** The template last entered, or {@code otherwise} before any. */
    String template(String otherwise) {
        return template == null ? otherwise : template;
    }

    /** The line last entered, or null before any. */
    Integer line() {
        return template == null ? null : line;
    }

    /** The guard's stop, when FreeMarker wrapped it into an error of its own. */
    static Stopped stoppedIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Stopped stopped) {
                return stopped;
            }
        }
        return null;
    }

    /**
     * Gives every loop of every template, included ones too, a first element that does nothing: without it,
     * a loop with an empty body ({@code <#list 1..2000000000 as i></#list>}) would enter no element the guard
     * sees. FreeMarker's own thread-interruption checks are such elements; they are added by a public method
     * of its internal API, once per parsed template (the template cache keeps it).
     */
    private static final class LoopCheckingConfiguration extends Configuration {
        private static final String CHECKED = "tcpstory.loopsChecked";

        LoopCheckingConfiguration() {
            super(Configuration.VERSION_2_3_34);
        }

        @Override
        public Template getTemplate(String name, Locale locale, Object customLookupCondition, String encoding,
                                    boolean parseAsFTL, boolean ignoreMissing) throws IOException {
            Template template = super.getTemplate(name, locale, customLookupCondition, encoding, parseAsFTL, ignoreMissing);
            if (template != null) {
                synchronized (template) {
                    if (template.getCustomAttribute(CHECKED) == null) {
                        _CoreAPI.addThreadInterruptedChecks(template);
                        template.setCustomAttribute(CHECKED, Boolean.TRUE);
                    }
                }
            }
            return template;
        }
    }
}
