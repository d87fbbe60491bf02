package org.tcpstory.diagnostic;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The languages the diagnostics are written in. English is the default. */
public enum Language {
    ENGLISH("en"), CHINESE("zh");

    /** The locale variables that name the language of messages, strongest first, as POSIX reads them. */
    static final List<String> LOCALE_VARIABLES = List.of("LC_ALL", "LC_MESSAGES", "LANG");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The ISO 639 code: {@code en}, {@code zh}; the suffix of the catalog's files. */
    public String code() {
        return code;
    }

    /** The language a tag, locale name or code asks for: {@code zh}, {@code zh-CN}, {@code zh_TW.UTF-8}, {@code en}. */
    public static Optional<Language> named(String name) {
        String folded = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (folded.equals(language.code) || folded.startsWith(language.code + "-")
                    || folded.startsWith(language.code + "_") || folded.startsWith(language.code + ".")) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The language of a tag such as a site's {@code language:}: Chinese for {@code zh...}, else English. */
    public static Language forTag(String languageTag) {
        return named(languageTag).orElse(ENGLISH);
    }

    /**
     * The language of the user's locale: the first of {@code LC_ALL}, {@code LC_MESSAGES} and {@code LANG}
     * that is set decides ({@code zh_CN.UTF-8} is Chinese; {@code C}, {@code en_US} and the rest English);
     * when none is, the JVM's locale ({@code user.language}) does.
     */
    public static Language ofLocale(Map<String, String> environment, Locale jvmLocale) {
        for (String variable : LOCALE_VARIABLES) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return forTag(value);
            }
        }
        return forTag(jvmLocale == null ? null : jvmLocale.getLanguage());
    }
}
