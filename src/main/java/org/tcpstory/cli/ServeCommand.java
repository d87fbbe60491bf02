package org.tcpstory.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tcpstory.diagnostic.Language;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.serve.ServeSession;
import org.tcpstory.site.SiteException;
import org.tcpstory.site.SiteRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tcpstory serve}: builds the site, serves it locally and rebuilds it on every change. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        defaultValueProvider = LanguageOption.LocaleDefault.class,
        versionProvider = Main.Version.class,
        header = "Builds the site, serves it on 127.0.0.1 and rebuilds it on every change.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "A local preview while writing: builds the site like 'build' (in memory, never into "
                + "site/), serves it at http://127.0.0.1:PORT/ only, and watches the content and templates "
                + "folders. On every save it re-renders the pages that changed and open pages reload by "
                + "themselves. When a change breaks a chapter, open pages show its errors over the page until "
                + "the chapter is fixed; the server keeps running.",
            "Diagrams are kept in the same cache as 'build' (.tcpstory-cache/ in the working folder, or "
                + "$TCPSTORY_CACHE). Stop with Ctrl+C."
        },
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped (Ctrl+C)",
            "2:the command could not run: a bad option, a missing folder, or a port that is taken"
        })
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    ContentFolderOption content;

    @Mixin
    TemplatesFolderOption templates;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000",
            description = "The port on 127.0.0.1; 0 picks any free port (the address is printed). "
                    + "Default: ${DEFAULT-VALUE}.")
    int port;

    @Mixin
    ProfileOption profile;

    @Mixin
    LanguageOption language;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ServeSession session;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Language chosen = language.chosen(parent);
        Words words = new Words(Messages.of(chosen));
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), words.of("serve.port", port));
        }
        boolean colour = parent != null && parent.colourAllowed;
        Log log = new Log(out, err, colour, words);
        try {
            session = ServeSession.start(new ServeSession.Options(content.content, templates.folder(), port, null, null,
                    profile.chosen(), chosen), log);
        } catch (SiteException e) {
            err.println("tcpstory: " + words.messages().render(e.text()));
            err.flush();
            return ExitCodes.CANNOT_RUN;
        } catch (BindException e) {
            words.say(err, "serve.cannotListen", port, e.getMessage());
            return ExitCodes.CANNOT_RUN;
        } catch (IOException e) {
            words.say(err, "serve.cannotServe", e.getMessage());
            return ExitCodes.CANNOT_RUN;
        }
        session.cache().problem().ifPresent(problem -> {
            err.println("tcpstory: warning: " + words.messages().render(problem));
            err.flush();
        });
        Thread hook = new Thread(this::stop, "tcpstory-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (Ctrl+C): the hook is running or has run.
            }
        }
        words.say(out, "serve.stopped");
        return ExitCodes.OK;
    }

    /** Stops serving: {@link #call()} then returns 0. Safe from any thread, and more than once. */
    void stop() {
        ServeSession s = session;
        if (s != null) {
            s.close();
        }
        stopped.countDown();
    }

    /** The session while serving, for tests. */
    ServeSession session() {
        return session;
    }

    /** What the terminal shows: the address, then one line per rebuild, and the diagnostics as 'build' prints them. */
    private static final class Log implements ServeSession.Listener {
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean colour;
        private final Words words;
        private boolean first = true;

        Log(PrintWriter out, PrintWriter err, boolean colour, Words words) {
            this.out = out;
            this.err = err;
            this.colour = colour;
            this.words = words;
        }

        @Override
        public void listening(URI address) {
            words.say(out, "serve.servingAt", address.toString());
        }

        @Override
        public void built(ServeSession.Build build) {
            boolean firstBuild = first;
            first = false;
            if (!build.changed() && !firstBuild) {
                return;
            }
            try {
                TextReporter.writeDiagnostics(build.report(), out, colour, words.messages());
            } catch (IOException e) {
                // A PrintWriter does not throw.
            }
            if (build.crash() != null) {
                err.println("tcpstory: " + words.of("serve.internalError"));
                if (Main.wantsTrace(System.getenv())) {
                    build.crash().printStackTrace(err);
                } else {
                    err.println(words.of("cli.internalError", String.valueOf(build.crash())));
                    err.println(words.of("cli.internalErrorTrace", Main.TRACE));
                }
                err.flush();
            }
            SiteRenderer.Summary site = build.site() == null ? null : build.site().summary();
            if (!build.ok()) {
                // Errors in the chapters are listed above; anything else is said here.
                String why = build.report().errors() > 0 || build.failure().problems().isEmpty()
                        ? build.failure().headline() : build.failure().problems().get(0).message();
                words.say(out, "serve.openPagesShowIt", why, build.millis());
            } else if (firstBuild) {
                words.say(out, "serve.firstBuild", Text.count("report.chapters", site.chapters()),
                        Text.count("count.pages", site.pages()), build.millis(),
                        Text.count("count.diagrams", site.diagramsDrawn()), site.diagrams() - site.diagramsDrawn());
            } else if (build.written().isEmpty() && build.deleted().isEmpty()) {
                words.say(out, "serve.fixed", build.millis());
            } else {
                words.say(out, "serve.rebuilt", pages(build.written()), build.millis(),
                        Text.count("count.pages", site.pagesRendered()), Text.count("count.diagrams", site.diagramsDrawn()));
            }
        }

        /** The pages that changed, by name: {@code goodbye.html, index.html and 3 more}. */
        private static Object pages(List<String> written) {
            List<String> html = written.stream().filter(f -> f.endsWith(".html")).toList();
            if (html.isEmpty()) {
                return Text.count("count.files", written.size());
            }
            int shown = Math.min(html.size(), 3);
            String names = String.join(", ", html.subList(0, shown));
            return html.size() > shown ? Text.of("serve.andMore", names, html.size() - shown) : names;
        }
    }
}
