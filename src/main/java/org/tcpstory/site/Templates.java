package org.tcpstory.site;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.core.TemplateProcessingTracer;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.tcpstory.files.PathNames;

/**
 * The FreeMarker templates of a site: the user's templates folder first, then the default theme inside
 * tcpstory, file by file (a theme overrides only the templates it has). Templates are {@code .ftlh}
 * files and escape every value as HTML unless it is markup tcpstory made ({@link #markup}).
 */
public final class Templates {

    /** Where the default theme lives on the class path (the project's {@code templates/} folder). */
    public static final String CLASSPATH_ROOT = "tcpstory/templates";

    /**
     * How long one page's template may run: pages render in milliseconds, so this stops only a template
     * that would never end.
     */
    static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    /** How deep elements may nest while a page renders (macro calls, includes, loops, conditions): real themes need 30. */
    static final int MAX_DEPTH = 500;

    private final Configuration configuration;
    private final Path userDir;
    private final Duration timeLimit;

    /**
     * @param userDir the user's templates folder, or null to use only the default theme
     */
    public Templates(Path userDir) throws SiteException {
        this(userDir, TIME_LIMIT);
    }

    /** @param timeLimit how long one page may render (tests make it short) */
    Templates(Path userDir, Duration timeLimit) throws SiteException {
        this.userDir = userDir;
        this.timeLimit = timeLimit;
        Configuration c = new LoopCheckingConfiguration();
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setOutputFormat(HTMLOutputFormat.INSTANCE);
        c.setRecognizeStandardFileExtensions(true);
        c.setLocalizedLookup(false);
        c.setLocale(Locale.ROOT);
        c.setNumberFormat("computer");
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setAPIBuiltinEnabled(false);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        ClassTemplateLoader builtIn = new ClassTemplateLoader(Templates.class.getClassLoader(), CLASSPATH_ROOT);
        TemplateLoader loader = builtIn;
        if (userDir != null) {
            try {
                loader = new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(userDir.toFile()), builtIn});
            } catch (IOException e) {
                throw new SiteException(SiteException.Kind.CANNOT_RUN,
                        "cannot read the templates folder " + PathNames.shown(userDir) + ": " + e.getMessage(), e);
            }
        }
        c.setTemplateLoader(loader);
        this.configuration = c;
    }

    /** The user's templates folder, or null. */
    public Path userDir() {
        return userDir;
    }

    /** HTML that tcpstory made and that templates must not escape again. */
    public static TemplateHTMLOutputModel markup(String html) {
        try {
            return HTMLOutputFormat.INSTANCE.fromMarkup(html);
        } catch (TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the user's folder has its own version of a template (or asset). */
    public boolean overridden(String name) {
        return userDir != null && Files.isRegularFile(userDir.resolve(name));
    }

    /** Renders one template with the given data model. */
    public String render(String name, Map<String, ?> model) throws SiteException {
        Template template;
        try {
            template = configuration.getTemplate(name);
        } catch (TemplateNotFoundException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, "template " + name + " not found"
                    + (userDir == null ? "" : " in " + PathNames.shown(userDir) + " nor") + " in tcpstory's default theme", e);
        } catch (freemarker.core.ParseException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, "template " + where(e.getTemplateName(), e.getLineNumber())
                    + ": " + e.getEditorMessage(), e);
        } catch (IOException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, "cannot read template " + name + ": " + e.getMessage(), e);
        } catch (SecurityException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, "template " + name + " " + outsideMessage(e), e);
        }
        StringWriter out = new StringWriter();
        Guard guard = new Guard(timeLimit);
        try {
            Environment environment = template.createProcessingEnvironment(model, out);
            environment.setTemplateProcessingTracer(guard);
            environment.process();
        } catch (TemplateException e) {
            Guard.Stopped stopped = Guard.stoppedIn(e);
            if (stopped != null) {
                throw stopped.failure(this);
            }
            String first = String.valueOf(e.getMessageWithoutStackTop()).strip().split("\n", 2)[0];
            Integer line = e.getLineNumber();
            throw new SiteException(SiteException.Kind.TEMPLATE, "template " + where(
                    e.getTemplateSourceName() == null ? name : e.getTemplateSourceName(), line) + ": " + first, e);
        } catch (IOException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, "template " + name + ": " + e.getMessage(), e);
        } catch (Guard.Stopped e) {
            throw e.failure(this);
        } catch (StackOverflowError e) {
            // Deeper than the guard's limit can still overflow a small stack: said the same way, without a line.
            throw new SiteException(SiteException.Kind.TEMPLATE, "template " + where(guard.template(name), guard.line())
                    + ": " + Guard.TOO_DEEP);
        } catch (SecurityException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, "template " + name + ": a template it includes "
                    + outsideMessage(e), e);
        } catch (RuntimeException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, "template " + where(guard.template(name), guard.line())
                    + ": " + e, e);
        }
        return out.toString();
    }

    /**
     * Gives every loop of every template, included ones too, a first element that does nothing: without it,
     * a loop with an empty body ({@code <#list 1..2000000000 as i></#list>}) would enter no element the
     * {@link Guard} sees. FreeMarker's own thread-interruption checks are such elements; they are added by a
     * public method of its internal API, once per parsed template (the cache keeps it).
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

    /**
     * Stops a template that runs away: one nested deeper than {@link #MAX_DEPTH} elements (a macro or function
     * that calls itself without end, which would otherwise overflow the stack), or one still running after
     * {@link #TIME_LIMIT} (a loop over two billion items). FreeMarker calls it on entering and leaving every
     * element, the body of a loop included, with the template and line: the error can say where.
     * (FreeMarker has no time limit of its own.)
     */
    private static final class Guard implements TemplateProcessingTracer {
        static final String TOO_DEEP = "macros, functions or includes nested more than " + MAX_DEPTH
                + " deep: does one call itself without end?";

        /** Thrown out of the template to stop it. */
        static final class Stopped extends RuntimeException {
            private static final long serialVersionUID = 1L;
            private final transient String template;
            private final int line;

            Stopped(String template, int line, String message) {
                super(message, null, false, false);
                this.template = template;
                this.line = line;
            }

            SiteException failure(Templates templates) {
                return new SiteException(SiteException.Kind.TEMPLATE, "template " + templates.where(template, line)
                        + ": " + getMessage());
            }
        }

        private final Duration limit;
        private final long deadline;
        private int depth;
        private String template;
        private int line;

        Guard(Duration limit) {
            this.limit = limit;
            this.deadline = System.nanoTime() + limit.toNanos();
        }

        @Override
        public void enterElement(Environment environment, TracedElement element) {
            Template at = element.getTemplate();
            template = at == null ? null : at.getSourceName();
            line = element.getBeginLine();
            if (++depth > MAX_DEPTH) {
                throw new Stopped(template, line, TOO_DEEP);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new Stopped(template, line, "still running after " + limit.toMillis() / 1000.0
                        + " s, and stopped: does a loop never end?");
            }
        }

        @Override
        public void exitElement(Environment environment, TracedElement element) {
            depth--;
        }

        String template(String otherwise) {
            return template == null ? otherwise : template;
        }

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
    }

    private String outsideMessage(SecurityException e) {
        return "is outside the templates folder " + (userDir == null ? "" : PathNames.shown(userDir) + " ")
                + "(a symbolic link that leads out of it is not followed): " + e.getMessage();
    }

    private String where(String template, Integer line) {
        String origin = template != null && overridden(template) ? PathNames.shown(userDir.resolve(template)) : template;
        return line == null ? origin : origin + ":" + line;
    }
}
