package my.benteng.messaging.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/**
 * E-mail through SMTP. Every header is built by Jakarta Mail from validated values (never by string
 * concatenation); the Message-ID is derived from the outbox id so that a resend is recognisably the same
 * message; {@code Auto-Submitted} (RFC 3834) keeps auto-responders from answering: {@code auto-replied} on a
 * helpdesk acknowledgement (a reply to a request), {@code auto-generated} on every other template but an
 * agent's reply, which a person wrote.
 */
final class SmtpEmailSender implements MessageSender {

    private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

    private final JavaMailSender mail;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final DkimSigner dkim;

    SmtpEmailSender(JavaMailSender mail, String fromAddress, String fromName, DkimSigner dkim) {
        this.mail = mail;
        this.dkim = dkim;
        try {
            this.from = new InternetAddress(fromAddress, fromName, StandardCharsets.UTF_8.name());
            this.from.validate();
        } catch (UnsupportedEncodingException | MessagingException e) {
            throw new IllegalArgumentException("benteng.messaging.email.from is not a valid address", e);
        }
        this.messageIdDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (message.content().subject().chars().anyMatch(Character::isISOControl)) {
            // cannot happen with fixed templates and validated values; refused here too so no header is ever folded open
            return new SendResult.Rejected("header");
        }
        try {
            mail.send(build(message));
            return new SendResult.Accepted();
        } catch (MailException e) {
            SendResult result = classify(e);
            log.warn("smtp send failed reference={} to={} result={} cause={}", message.reference(), message.toMasked(), result,
                    e.getMostSpecificCause().getClass().getName());
            log.debug("smtp failure detail", e);
            return result;
        } catch (MessagingException e) {
            log.warn("e-mail could not be built reference={} error={}", message.reference(), e.getClass().getSimpleName());
            return new SendResult.Rejected("mime");
        }
    }

    MimeMessage build(OutboundMessage message) throws MessagingException {
        MimeMessage mime = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
        helper.setFrom(from);
        // strict parsing: exactly one address, anything else is refused by the library
        helper.setTo(new InternetAddress(message.to(), true));
        helper.setSubject(message.content().subject());
        helper.setText(message.content().text(), message.content().html());
        String autoSubmitted = autoSubmitted(message.template());
        if (autoSubmitted != null) {
            mime.setHeader("Auto-Submitted", autoSubmitted);
        }
        // JavaMailSenderImpl keeps an explicitly set Message-ID through saveChanges()
        String messageId = messageId(message);
        mime.setHeader("Message-ID", messageId);
        if (dkim == null) {
            return mime;
        }
        // copying into the signing message saves the source, which would give it a fresh Message-ID: save it
        // first and restore ours, and keep it in the copy through its own saveChanges() as well
        mime.saveChanges();
        mime.setHeader("Message-ID", messageId);
        return new DkimMessage(mime, dkim) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }

    /** RFC 3834 section 5: the value for the template, or null for a message a person wrote. */
    static String autoSubmitted(my.benteng.messaging.Template template) {
        return switch (template) {
            case HELPDESK_ACKNOWLEDGEMENT -> "auto-replied";
            case HELPDESK_AGENT_REPLY -> null;
            case OTP_CODE, CONTACT_NOTIFICATION -> "auto-generated";
        };
    }

    String messageId(OutboundMessage message) {
        return "<" + message.reference() + "@" + messageIdDomain + ">";
    }

    private static SendResult classify(MailException e) {
        if (e instanceof MailSendException send) {
            for (Exception failed : send.getFailedMessages().values()) {
                Throwable t = failed;
                while (t != null) {
                    if (t instanceof SMTPAddressFailedException a) {
                        return a.getReturnCode() >= 500 ? new SendResult.Rejected("smtp_" + a.getReturnCode())
                                : new SendResult.Retry("smtp_" + a.getReturnCode());
                    }
                    if (t instanceof SMTPSendFailedException s) {
                        return s.getReturnCode() >= 500 ? new SendResult.Rejected("smtp_" + s.getReturnCode())
                                : new SendResult.Retry("smtp_" + s.getReturnCode());
                    }
                    t = t.getCause() == t ? null : t.getCause();
                }
            }
        }
        return new SendResult.Retry("smtp");
    }
}
