package my.benteng.messaging.internal;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import my.benteng.messaging.Language;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.messaging.TicketReference;
import my.benteng.platform.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.util.HtmlUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** E-mail through a real SMTP server (GreenMail): headers from the library, the template and the outbox id only. */
class MessagingEmailGreenMailTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final UUID reference = UUID.fromString("0b5c1f7e-3d2a-4c8e-9f10-2a3b4c5d6e7f");

    @Test
    void mailCarriesTemplateSubjectAndAMessageIdDerivedFromTheOutboxId() throws Exception {
        SendResult result = sender(null).send(helpdeskAck("citizen@example.com"));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        MimeMessage received = onlyMessage();
        assertThat(received.getFrom()).containsExactly(new InternetAddress("donotreply@benteng.example", "Benteng"));
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("citizen@example.com");
        assertThat(received.getSubject()).isEqualTo("We have received your request (HD-7K3Q9XZ2)");
        assertThat(received.getMessageID()).isEqualTo("<" + reference + "@benteng.example>");
        // RFC 3834: an acknowledgement is a reply to a request
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-replied");
    }

    @Test
    void htmlPartIsTheEscapedTextAndTextPartIsPlain() throws Exception {
        sender(null).send(helpdeskAck("citizen@example.com"));

        List<Part> parts = leaves(onlyMessage());
        String text = parts.stream().filter(this::isPlain).findFirst().orElseThrow().getContent().toString();
        String html = parts.stream().filter(p -> isType(p, "text/html")).findFirst().orElseThrow().getContent().toString();
        assertThat(text).isEqualTo("Benteng: We have received your request. Reference: HD-7K3Q9XZ2. Do not reply to this message.");
        assertThat(html).isEqualTo("<!DOCTYPE html><html lang=\"en\"><body><p>" + HtmlUtils.htmlEscape(text) + "</p></body></html>");
    }

    @Test
    void recipientCarryingAHeaderInjectionIsRefusedAndNothingIsSent() {
        // the EmailAddress value object refuses this already; this proves the mail library refuses it as well
        SendResult result = sender(null).send(helpdeskAck("citizen@example.com\r\nBcc: victim@example.com"));

        assertThat(result).isInstanceOf(SendResult.Rejected.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void subjectWithALineBreakIsRefusedAndNothingIsSent() {
        OutboundMessage forged = new OutboundMessage(reference, Channel.EMAIL, Template.HELPDESK_ACKNOWLEDGEMENT, Language.EN,
                "citizen@example.com", "c***@***.com", new RenderedMessage("Hi\r\nBcc: victim@example.com", "x", "x"));

        assertThat(sender(null).send(forged)).isInstanceOf(SendResult.Rejected.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void agentReplyEscapesTheAgentsTextInTheHtmlPartAndKeepsItOutOfTheSubject() throws Exception {
        String written = "Hello <b>there</b> & <img src=x onerror=alert(1)>\r\nBcc: victim@example.com";
        TemplateParameters p = TemplateParameters.of("reference", TicketReference.of("HD-7K3Q9XZ2"),
                "text", my.benteng.messaging.AgentReplyText.of(written));
        OutboundMessage reply = new OutboundMessage(reference, Channel.EMAIL, Template.HELPDESK_AGENT_REPLY, Language.EN,
                "citizen@example.com", "c***@***.com", TemplateTexts.render(Template.HELPDESK_AGENT_REPLY, Language.EN, p));

        assertThat(sender(null).send(reply)).isInstanceOf(SendResult.Accepted.class);

        MimeMessage received = onlyMessage();
        assertThat(received.getSubject()).isEqualTo("Reply from the Benteng helpdesk (HD-7K3Q9XZ2)");
        // a person wrote it: not auto-submitted (RFC 3834 section 5)
        assertThat(received.getHeader("Auto-Submitted")).isNull();
        assertThat(received.getHeader("Bcc")).isNull();
        List<Part> parts = leaves(received);
        String html = parts.stream().filter(p2 -> isType(p2, "text/html")).findFirst().orElseThrow().getContent().toString();
        assertThat(html).contains("Hello &lt;b&gt;there&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;<br>Bcc: victim@example.com")
                .doesNotContain("<b>", "<img");
    }

    @Test
    void oneTimeCodesAreAutoGenerated() throws Exception {
        TemplateParameters p = TemplateParameters.of("code", my.benteng.messaging.OtpCode.of("123456"), "minutes", my.benteng.messaging.Minutes.of(5));
        sender(null).send(new OutboundMessage(reference, Channel.EMAIL, Template.OTP_CODE, Language.EN, "citizen@example.com",
                "c***@***.com", TemplateTexts.render(Template.OTP_CODE, Language.EN, p)));
        assertThat(onlyMessage().getHeader("Auto-Submitted")).containsExactly("auto-generated");
    }

    @Test
    void dkimSignatureIsAddedWhenConfigured() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path key = Files.createTempFile("dkim", ".der");
        Files.write(key, generator.generateKeyPair().getPrivate().getEncoded()); // PKCS#8 DER
        var signer = MessagingConfiguration.dkimSigner(new MessagingProperties.Dkim(true, "benteng.example", "s2026", key.toString(), false));

        assertThat(sender(signer).send(helpdeskAck("citizen@example.com"))).isInstanceOf(SendResult.Accepted.class);

        String[] signature = onlyMessage().getHeader("DKIM-Signature");
        assertThat(signature).hasSize(1);
        assertThat(signature[0]).contains("d=benteng.example").contains("s=s2026");
        assertThat(onlyMessage().getMessageID()).isEqualTo("<" + reference + "@benteng.example>");
    }

    private SmtpEmailSender sender(org.simplejavamail.utils.mail.dkim.DkimSigner dkim) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(greenMail.getSmtp().getPort());
        return new SmtpEmailSender(mail, "donotreply@benteng.example", "Benteng", dkim);
    }

    private OutboundMessage helpdeskAck(String to) {
        TemplateParameters p = TemplateParameters.of("reference", TicketReference.of("HD-7K3Q9XZ2"));
        return new OutboundMessage(reference, Channel.EMAIL, Template.HELPDESK_ACKNOWLEDGEMENT, Language.EN, to, "c***@***.com",
                TemplateTexts.render(Template.HELPDESK_ACKNOWLEDGEMENT, Language.EN, p));
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static List<Part> leaves(Part part) throws Exception {
        List<Part> out = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                out.addAll(leaves(child));
            }
        } else {
            out.add(part);
        }
        return out;
    }

    private boolean isPlain(Part p) {
        return isType(p, "text/plain");
    }

    private static boolean isType(Part p, String type) {
        try {
            return p.isMimeType(type);
        } catch (Exception e) {
            return false;
        }
    }
}
