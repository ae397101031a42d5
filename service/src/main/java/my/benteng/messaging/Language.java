package my.benteng.messaging;

/** The language a template is rendered in. Every template has fixed text in each of them. */
public enum Language {
    /** Bahasa Melayu. */
    MS,
    /** English. */
    EN
}
