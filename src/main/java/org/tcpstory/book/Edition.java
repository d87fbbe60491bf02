package org.tcpstory.book;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tcpstory.engine.ChapterResult;
import org.tcpstory.story.HomePage;
import org.tcpstory.story.SiteSettings;

/**
 * One language of a book: where its pages go, its home page, the settings its pages are made with and its
 * chapters with the engine's verdicts. A book in one language is a single edition in the site's root; a
 * book in several ({@code languages:} in its {@code _index.md}) has one per language folder, in the order
 * listed, the default language first.
 */
public final class Edition {

    private final String folder;
    private final HomePage home;
    private final SiteSettings settings;
    private final List<ChapterResult> chapters;
    private final Map<String, ChapterResult> byKey = new LinkedHashMap<>();

    /**
     * @param folder   the language's folder ({@code zh}), or an empty string for a book in one language
     * @param settings its home page's settings, with the book's where a book in several languages has them
     * @param chapters its chapters in reading order
     */
    Edition(String folder, HomePage home, SiteSettings settings, List<ChapterResult> chapters) {
        this.folder = folder;
        this.home = home;
        this.settings = settings;
        this.chapters = List.copyOf(chapters);
        for (ChapterResult chapter : this.chapters) {
            byKey.putIfAbsent(chapter.chapter().translationKey(), chapter);
        }
    }

    /** The language's folder: {@code zh}; an empty string for a book in one language. */
    public String folder() {
        return folder;
    }

    /** Where its pages go in the site: {@code zh/}, or an empty string for the site's root. */
    public String path() {
        return folder.isEmpty() ? "" : folder + "/";
    }

    public HomePage home() {
        return home;
    }

    /** What its pages are made with: the title, language and description its readers read, the book's base URL. */
    public SiteSettings settings() {
        return settings;
    }

    /** Its chapters that parsed, with their verdicts, in reading order. */
    public List<ChapterResult> chapters() {
        return chapters;
    }

    /** Its chapter with this translation key: the twin of a chapter of another language. */
    public Optional<ChapterResult> chapter(String translationKey) {
        return Optional.ofNullable(byKey.get(translationKey));
    }
}
