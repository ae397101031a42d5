package my.benteng.messaging;

/**
 * A typed template parameter. The set of types is closed on purpose: there is no free-text type an
 * outsider's words could travel in. Each type validates on construction; all but one allow only a narrow
 * alphabet (no spaces, markup, CR or LF). The exception, {@link AgentReplyText}, is a helpdesk agent's
 * reply to a verified contact; its Javadoc says why it does not reopen the hole.
 */
public sealed interface TemplateValue permits OtpCode, Minutes, TicketReference, AgentReplyText {

    /** The value as it appears in the rendered message. */
    String text();
}
