package org.tcpstory.site;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateHTMLOutputModel;
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
import org.tcpstory.diagnostic.Text;
import org.tcpstory.files.PathNames;

/**
 * The FreeMarker templates of a site: the user's templates folder first, then the default theme inside
 * tcpstory, file by file (a theme overrides only the templates it has). Templates are {@code .ftlh}
 * files and escape every value as HTML unless it is markup tcpstory made ({@link #markup}).
 */
public final class Templates {

    /** Where the default theme lives on the class path (the project's {@code templates/} folder). */
    public static final String CLASSPATH_ROOT = "tcpstory/templates";

    private final Configuration configuration;
    private final Path userDir;
    private final Duration timeLimit;

    /**
     * @param userDir the user's templates folder, or null to use only the default theme
     */
    public Templates(Path userDir) throws SiteException {
        this(userDir, TemplateGuard.TIME_LIMIT);
    }

    /** @param timeLimit how long one page may render (tests make it short) */
    Templates(Path userDir, Duration timeLimit) throws SiteException {
        this.userDir = userDir;
        this.timeLimit = timeLimit;
        Configuration c = TemplateGuard.configuration();
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
                        Text.of("template.cannotReadFolder", PathNames.shown(userDir), Text.message(e)), e);
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
            throw new SiteException(SiteException.Kind.TEMPLATE, userDir == null ? Text.of("template.notFound", name)
                    : Text.of("template.notFoundIn", name, PathNames.shown(userDir)), e);
        } catch (freemarker.core.ParseException e) {
            throw failure(where(e.getTemplateName(), e.getLineNumber()), Text.plain(String.valueOf(e.getEditorMessage())), e);
        } catch (IOException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, Text.of("template.cannotRead", name, Text.message(e)), e);
        } catch (SecurityException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE, Text.of("template.outside", name, userFolder(), Text.message(e)), e);
        }
        StringWriter out = new StringWriter();
        TemplateGuard guard = new TemplateGuard(timeLimit);
        try {
            Environment environment = template.createProcessingEnvironment(model, out);
            environment.setTemplateProcessingTracer(guard);
            environment.process();
        } catch (TemplateException e) {
            TemplateGuard.Stopped stopped = TemplateGuard.stoppedIn(e);
            if (stopped != null) {
                throw failure(stopped);
            }
            // FreeMarker's own words, as it wrote them: its first line.
            String first = String.valueOf(e.getMessageWithoutStackTop()).strip().split("\n", 2)[0];
            throw failure(where(e.getTemplateSourceName() == null ? name : e.getTemplateSourceName(), e.getLineNumber()),
                    Text.plain(first), e);
        } catch (IOException e) {
            throw failure(name, Text.message(e), e);
        } catch (TemplateGuard.Stopped e) {
            throw failure(e);
        } catch (StackOverflowError e) {
            // Deeper than the guard's limit can still overflow a small stack: said the same way, without a line.
            throw failure(where(guard.template(name), guard.line()), TemplateGuard.TOO_DEEP, null);
        } catch (SecurityException e) {
            throw new SiteException(SiteException.Kind.TEMPLATE,
                    Text.of("template.includesOutside", name, userFolder(), Text.message(e)), e);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The loops' interruption checks (TemplateGuard) stop a page whose build is being stopped.
                throw new SiteException(SiteException.Kind.CANNOT_RUN, Text.of("build.interrupted"), e);
            }
            throw failure(where(guard.template(name), guard.line()), Text.plain(String.valueOf(e)), e);
        }
        return out.toString();
    }

    private SiteException failure(TemplateGuard.Stopped stopped) {
        return failure(where(stopped.template(), stopped.line()), stopped.why(), null);
    }

    /** {@code template WHERE: WHY}, the why in FreeMarker's words or the guard's. */
    private static SiteException failure(String where, Text why, Throwable cause) {
        return new SiteException(SiteException.Kind.TEMPLATE, Text.of("template.failed", where, why), cause);
    }

    /** The user's templates folder: only its loader refuses a file outside it (the default theme is in the jar). */
    private String userFolder() {
        return userDir == null ? "" : PathNames.shown(userDir);
    }

    private String where(String template, Integer line) {
        String origin = template != null && overridden(template) ? PathNames.shown(userDir.resolve(template)) : template;
        return line == null ? origin : origin + ":" + line;
    }
}
