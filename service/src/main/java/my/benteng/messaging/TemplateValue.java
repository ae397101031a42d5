package my.benteng.messaging;

/**
 * A typed template parameter. The set of types is closed on purpose: there is no free-text type, so no
 * caller can put its own words into a message. Each type validates on construction and allows only a
 * narrow alphabet (no spaces, markup, CR or LF).
 */
public sealed interface TemplateValue permits OtpCode, Minutes, TicketReference {

    /** The value as it appears in the rendered message. */
    String text();
}
