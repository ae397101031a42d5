package my.benteng.helpdesk.internal;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import my.benteng.helpdesk.TicketCategory;
import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.InvalidValueException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A raw RFC 5322 message from the MTA, parsed with Jakarta Mail (no network: an empty session) into a ticket
 * and the facts the RFC 3834 rules need. Mail is what it is, so the text is cleaned and cut rather than refused;
 * only a message without one usable From address is refused.
 */
final class InboundMail {

    private static final Session SESSION = Session.getInstance(new Properties());
    /** Parts visited at most, so a message of thousands of nested parts costs nothing much. */
    private static final int MAX_PARTS = 50;

    private InboundMail() {
    }

    /**
     * @param returnPathIsSender whether the return path is the From address; an acknowledgement goes to the From
     *                           address only then (a message whose bounces go elsewhere is not answered)
     */
    record Parsed(TicketInput input, Contact contact, AutoReplyPolicy.Envelope envelope, boolean returnPathIsSender) {
        @Override
        public String toString() {
            return "Parsed[contact=" + contact + "]";
        }
    }

    /** @throws InvalidValueException (field {@code message}) when the message cannot be used at all */
    static Parsed parse(byte[] raw) {
        try {
            MimeMessage mime = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            EmailAddress from = sender(mime);
            String returnPath = mime.getHeader("Return-Path", null);
            List<String> names = new ArrayList<>();
            for (Enumeration<Header> e = mime.getAllHeaders(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
            AutoReplyPolicy.Envelope envelope = new AutoReplyPolicy.Envelope(returnPath, names, values(mime, "Auto-Submitted"),
                    values(mime, "Precedence"));
            String subject = clean(Optional.ofNullable(mime.getSubject()).orElse(""), false, TicketInput.MAX_SUBJECT);
            String body = clean(text(mime, new int[]{0}).orElse(""), true, TicketInput.MAX_MESSAGE);
            TicketInput input = new TicketInput(TicketCategory.GENERAL, subject.isBlank() ? "(no subject)" : subject,
                    body.isBlank() ? "(no text)" : body);
            return new Parsed(input, Contact.of(from), envelope, sameAddress(returnPath, from));
        } catch (MessagingException | IOException | RuntimeException e) {
            if (e instanceof InvalidValueException invalid) {
                throw invalid;
            }
            throw new InvalidValueException("message", "is not a readable RFC 5322 message");
        }
    }

    private static EmailAddress sender(MimeMessage mime) throws MessagingException {
        String header = mime.getHeader("From", ",");
        if (header == null) {
            throw new InvalidValueException("from", "must hold exactly one address");
        }
        InternetAddress[] from = InternetAddress.parseHeader(header, true);
        if (from.length != 1) {
            throw new InvalidValueException("from", "must hold exactly one address");
        }
        try {
            return EmailAddress.parse(from[0].getAddress());
        } catch (InvalidValueException e) {
            throw new InvalidValueException("from", "is not a usable e-mail address");
        }
    }

    private static boolean sameAddress(String returnPath, EmailAddress from) {
        if (returnPath == null) {
            return false;
        }
        String path = returnPath.strip();
        if (path.startsWith("<") && path.endsWith(">")) {
            path = path.substring(1, path.length() - 1).strip();
        }
        try {
            return EmailAddress.parse(path).equals(from);
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static List<String> values(MimeMessage mime, String name) throws MessagingException {
        String[] values = mime.getHeader(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** The first text/plain part, depth first. */
    private static Optional<String> text(Part part, int[] visited) throws MessagingException, IOException {
        if (++visited[0] > MAX_PARTS) {
            return Optional.empty();
        }
        if (part.isMimeType("text/plain")) {
            try {
                Object content = part.getContent();
                return content instanceof String s ? Optional.of(s) : Optional.empty();
            } catch (java.io.UnsupportedEncodingException e) {
                // keep the ticket: an agent can still see who wrote and when, and answer
                return Optional.of("(text in an unsupported character set)");
            }
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> found = text(child, visited);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Control characters become spaces (line breaks and tabs kept in a body), bidi overrides go, length is cut. */
    static String clean(String text, boolean multiline, int max) {
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (multiline && (c == '\n' || c == '\t')) {
                b.append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(' ');
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                // dropped: bidirectional overrides make text read differently from what it is
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b.length() + 2 > max) {
                    break;
                }
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString().strip();
    }
}
