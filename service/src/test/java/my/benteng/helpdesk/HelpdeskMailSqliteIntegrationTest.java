package my.benteng.helpdesk;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import my.benteng.account.internal.StaffService;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.GreenMailSmtp;
import my.benteng.testing.SqliteMailIntegrationTest;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prank of incident 2 replayed against the real SMTP channel (GreenMail), the RFC 3834 rules one by one on
 * inbound mail, and the 7-day rule with the injected clock.
 */
@SqliteMailIntegrationTest
class HelpdeskMailSqliteIntegrationTest {

    /** Markers of the prank text; none of them may appear in anything that leaves. */
    private static final List<String> PRANK_MARKERS = List.of("POSITIF", "POSITIVE", "joking", "prank.example", "rickroll", "<img",
            "dQw4w9WgXcQ");
    private static final String PRANK_SUBJECT = "Keputusan ujian COVID-19 anda: POSITIF";
    private static final String PRANK_MESSAGE = "You tested POSITIVE for COVID-19. Just joking! "
            + "<img src=\"https://prank.example/rickroll.gif\"> Watch: https://prank.example/watch?v=dQw4w9WgXcQ";

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    StaffService staff;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    HelpdeskFixture fixture;

    @BeforeEach
    void client() throws Exception {
        fixture = new HelpdeskFixture(port, tokens);
        GreenMailSmtp.greenMail().purgeEmailFromAllMailboxes();
    }

    private void deliver() {
        while (dispatcher.dispatchDue() > 0) {
            // drain
        }
    }

    private static List<MimeMessage> receivedBy(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : GreenMailSmtp.greenMail().getReceivedMessages()) {
            for (var r : m.getRecipients(Message.RecipientType.TO)) {
                if (r.toString().equalsIgnoreCase(address)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** The whole message as sent plus every decoded text part, so encoded text cannot hide a marker. */
    private static String everything(MimeMessage m) throws Exception {
        StringBuilder b = new StringBuilder(GreenMailUtil.getWholeMessage(m)).append('\n').append(m.getSubject());
        decoded(m, b);
        return b.toString();
    }

    private static void decoded(Part part, StringBuilder b) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                decoded(multipart.getBodyPart(i), b);
            }
        } else {
            b.append('\n').append(content);
        }
    }

    private static String html(Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = html(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private String reference(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).path("reference").asString();
    }

    @Test
    void thePrankReplayedFromManyAddressesReachesNobodyAndNoMessageCarriesItsText() throws Exception {
        String victim = HelpdeskFixture.newEmail();
        for (int i = 0; i < 40; i++) {
            // every request from another address in another /48, each with its own solved proof of work
            reference(fixture.submit(victim, PRANK_SUBJECT, PRANK_MESSAGE, HelpdeskFixture.newIp()));
        }
        String victimPhone = HelpdeskFixture.newPhone();
        for (int i = 0; i < 10; i++) {
            reference(fixture.submit(victimPhone, PRANK_SUBJECT, PRANK_MESSAGE, HelpdeskFixture.newIp()));
        }
        // the prankster also tries a verification token for another address, and a forged one
        String own = HelpdeskFixture.newEmail();
        String token = tokens.issue(HelpdeskFixture.contact(own), "CONTACT_VERIFICATION");
        assertProblem(fixture.post("/api/v1/helpdesk/tickets", fixture.ticketJson("GENERAL", PRANK_SUBJECT, PRANK_MESSAGE, victim,
                fixture.solvePow(), token), HelpdeskFixture.newIp(), null), 400, "invalid-verification");
        assertProblem(fixture.post("/api/v1/helpdesk/tickets", fixture.ticketJson("GENERAL", PRANK_SUBJECT, PRANK_MESSAGE, victim,
                fixture.solvePow(), "forged-token-forged-token-forged-token"), HelpdeskFixture.newIp(), null), 400, "invalid-verification");
        // and sends the prank to an address they verified themselves: only the fixed acknowledgement comes back
        String verified = HelpdeskFixture.newEmail();
        String ownReference = reference(fixture.submitVerified(verified, PRANK_SUBJECT, PRANK_MESSAGE));
        // before delivery (which wipes recipients of finished rows): nothing was ever queued for either victim
        for (String target : List.of(victim, victimPhone)) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE recipient = :r").param("r", target).query(Long.class).single())
                    .as("outbox rows for a victim").isZero();
        }
        deliver();

        assertThat(receivedBy(victim)).isEmpty();

        List<MimeMessage> acknowledgements = receivedBy(verified);
        assertThat(acknowledgements).hasSize(1);
        assertThat(acknowledgements.getFirst().getSubject()).contains(ownReference);
        assertThat(acknowledgements.getFirst().getHeader("Auto-Submitted")).containsExactly("auto-replied");

        // no message anywhere carries the submitted text: SMTP, the outbox table, the dev outbox file
        for (MimeMessage m : GreenMailSmtp.greenMail().getReceivedMessages()) {
            String all = everything(m);
            for (String marker : PRANK_MARKERS) {
                assertThat(all).doesNotContainIgnoringCase(marker);
            }
        }
        List<String> rows = jdbc.sql("SELECT template || ' ' || COALESCE(recipient, '') || ' ' || COALESCE(parameters, '') FROM messaging_outbox")
                .query(String.class).list();
        for (String row : rows) {
            for (String marker : PRANK_MARKERS) {
                assertThat(row).doesNotContainIgnoringCase(marker);
            }
        }
        Path devOutbox = GreenMailSmtp.dataDir().resolve("dev-outbox.jsonl");
        if (Files.exists(devOutbox)) {
            String dev = Files.readString(devOutbox, StandardCharsets.UTF_8);
            assertThat(dev).doesNotContain(victimPhone).doesNotContain(victim);
            for (String marker : PRANK_MARKERS) {
                assertThat(dev).doesNotContainIgnoringCase(marker);
            }
        }
        // the tickets themselves were kept for the agents
        assertThat(jdbc.sql("SELECT COUNT(*) FROM helpdesk_ticket WHERE contact = :c").param("c", victim).query(Long.class).single())
                .isEqualTo(40);
    }

    static String mail(String returnPath, String from, String extraHeaders) {
        return (returnPath == null ? "" : "Return-Path: " + returnPath + "\r\n")
                + "From: Siti Aminah <" + from + ">\r\n"
                + "To: helpdesk@benteng.example\r\n"
                + "Subject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(PRANK_SUBJECT.getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "Message-ID: <" + System.nanoTime() + "@example.org>\r\n"
                + "Date: Sun, 22 Nov 2026 08:00:00 +0800\r\n"
                + extraHeaders
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + PRANK_MESSAGE + "\r\n";
    }

    private String auditReason(String reference) {
        return jdbc.sql("SELECT reason FROM audit_entry WHERE event = 'helpdesk_ticket_created' AND subject = :s")
                .param("s", "ticket:" + reference).query(String.class).single();
    }

    @Test
    void inboundMailFromAVerifiedSenderIsAcknowledgedOnceAsAnAutoReplyWithoutItsText() throws Exception {
        String citizen = HelpdeskFixture.newEmail();
        fixture.citizenSession(citizen);

        String reference = reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, mail("<" + citizen + ">", citizen, "")));
        deliver();

        List<MimeMessage> received = receivedBy(citizen);
        assertThat(received).hasSize(1);
        MimeMessage ack = received.getFirst();
        assertThat(ack.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(ack.getSubject()).isEqualTo("Permintaan anda telah diterima (" + reference + ")").as("default language Malay");
        for (String marker : PRANK_MARKERS) {
            assertThat(everything(ack)).doesNotContainIgnoringCase(marker);
        }
        assertThat(auditReason(reference)).isEqualTo("helpdesk.ack.sent");
        assertThat(jdbc.sql("SELECT source FROM helpdesk_ticket WHERE reference = :r").param("r", reference).query(String.class).single())
                .isEqualTo("EMAIL");
    }

    @Test
    void aTicketByEMailGetsNoAgentReplyBecauseItsSenderIsOnlyClaimed() throws Exception {
        String citizen = HelpdeskFixture.newEmail();
        fixture.citizenSession(citizen);
        // anyone can put a citizen's address in From and Return-Path
        String reference = reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, mail("<" + citizen + ">", citizen, "")));
        deliver();
        HelpdeskFixture.Agent agent = fixture.agent(staff, "HELPDESK_AGENT");

        HttpResponse<String> r = fixture.post("/api/v1/helpdesk/tickets/" + reference + "/replies", "{\"text\":\"Your account is closed.\"}",
                HelpdeskFixture.newIp(), agent.session());
        assertProblem(r, 409, "contact-unverified");
        deliver();
        assertThat(receivedBy(citizen)).hasSize(1); // the fixed acknowledgement only
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'helpdesk_reply_refused' AND reason = 'helpdesk.reply.unauthenticated_sender'")
                .query(Long.class).single()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "null return path          | <>                                | ''                                        | helpdesk.ack.null_return_path",
            "no return path            | NONE                              | ''                                        | helpdesk.ack.null_return_path",
            "MAILER-DAEMON             | <MAILER-DAEMON@mx.example.org>    | ''                                        | helpdesk.ack.mailer_daemon",
            "list request address      | <covid-news-request@example.org>  | ''                                        | helpdesk.ack.list_request",
            "list owner address        | <owner-covid-news@example.org>    | ''                                        | helpdesk.ack.list_owner",
            "Auto-Submitted auto-replied | SENDER                          | 'Auto-Submitted: auto-replied\r\n'        | helpdesk.ack.auto_submitted",
            "Auto-Submitted auto-generated | SENDER                        | 'Auto-Submitted: auto-generated\r\n'      | helpdesk.ack.auto_submitted",
            "List-Id                   | SENDER                            | 'List-Id: <covid.lists.example.org>\r\n'  | helpdesk.ack.list_header",
            "List-Unsubscribe          | SENDER                            | 'List-Unsubscribe: <mailto:u@example.org>\r\n' | helpdesk.ack.list_header",
            "Precedence bulk           | SENDER                            | 'Precedence: bulk\r\n'                    | helpdesk.ack.precedence",
            "Precedence list           | SENDER                            | 'Precedence: list\r\n'                    | helpdesk.ack.precedence",
            "Precedence junk           | SENDER                            | 'Precedence: junk\r\n'                    | helpdesk.ack.precedence",
            "return path not the sender | <someone-else@example.com>       | ''                                        | helpdesk.ack.return_path_not_sender",
    })
    void rfc3834RulesSuppressTheAcknowledgementToAVerifiedSender(String rule, String returnPath, String headers, String reason)
            throws Exception {
        String citizen = HelpdeskFixture.newEmail();
        fixture.citizenSession(citizen);
        String path = switch (returnPath) {
            case "NONE" -> null;
            case "SENDER" -> "<" + citizen + ">";
            default -> returnPath;
        };

        String reference = reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, mail(path, citizen, headers.replace("\\r\\n", "\r\n"))));
        deliver();

        assertThat(receivedBy(citizen)).as(rule).isEmpty();
        assertThat(GreenMailSmtp.greenMail().getReceivedMessages()).as(rule).isEmpty();
        assertThat(auditReason(reference)).as(rule).isEqualTo(reason);
    }

    @Test
    void autoSubmittedNoIsAPersonAndIsAcknowledged() throws Exception {
        String citizen = HelpdeskFixture.newEmail();
        fixture.citizenSession(citizen);
        reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, mail("<" + citizen + ">", citizen, "Auto-Submitted: no\r\n")));
        deliver();
        assertThat(receivedBy(citizen)).hasSize(1);
    }

    @Test
    void anUnknownSenderGetsNothingButTheTicketIsKept() throws Exception {
        String stranger = HelpdeskFixture.newEmail();
        String reference = reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, mail("<" + stranger + ">", stranger, "")));
        deliver();
        assertThat(receivedBy(stranger)).isEmpty();
        assertThat(auditReason(reference)).isEqualTo("helpdesk.ack.unverified_contact");
    }

    @Test
    void atMostOneAcknowledgementPerRecipientInSevenDays() throws Exception {
        String citizen = HelpdeskFixture.newEmail();
        fixture.citizenSession(citizen);
        String raw = mail("<" + citizen + ">", citizen, "");

        reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, raw));
        String second = reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, raw));
        TestClock.INSTANCE.advance(Duration.ofDays(7).minusSeconds(1));
        String third = reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, raw));
        deliver();
        assertThat(receivedBy(citizen)).hasSize(1);
        assertThat(auditReason(second)).isEqualTo("helpdesk.ack.recently_acknowledged");
        assertThat(auditReason(third)).isEqualTo("helpdesk.ack.recently_acknowledged");

        TestClock.INSTANCE.advance(Duration.ofSeconds(1));
        reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, raw));
        deliver();
        assertThat(receivedBy(citizen)).hasSize(2);
    }

    @Test
    void inboundNeedsTheSharedSecret() {
        String citizen = HelpdeskFixture.newEmail();
        String raw = mail("<" + citizen + ">", citizen, "");
        assertProblem(fixture.inbound(null, raw), 401, "unauthenticated");
        assertProblem(fixture.inbound(GreenMailSmtp.INBOUND_SECRET + "x", raw), 401, "unauthenticated");
        assertProblem(fixture.inbound(GreenMailSmtp.INBOUND_SECRET.substring(1), raw), 401, "unauthenticated");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM helpdesk_ticket WHERE contact = :c").param("c", citizen).query(Long.class).single()).isZero();
    }

    @Test
    void inboundWithoutOneUsableSenderIsAClean400() {
        String noFrom = "To: helpdesk@benteng.example\r\nSubject: hi\r\n\r\nbody\r\n";
        HttpResponse<String> r = fixture.inbound(GreenMailSmtp.INBOUND_SECRET, noFrom);
        assertProblem(r, 400, "invalid-request");
        String twoFrom = "From: a@example.org, b@example.org\r\nSubject: hi\r\n\r\nbody\r\n";
        assertProblem(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, twoFrom), 400, "invalid-request");
        String injected = "From: <a@example.org\r\n\tBcc: victim@example.com>\r\nSubject: hi\r\n\r\nbody\r\n";
        HttpResponse<String> bad = fixture.inbound(GreenMailSmtp.INBOUND_SECRET, injected);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain("victim");
        HttpResponse<String> garbage = fixture.inbound(GreenMailSmtp.INBOUND_SECRET, "\u0000\u0001\u00ff garbage \r\n\r\n\r\n");
        assertProblem(garbage, 400, "invalid-request");
    }

    @Test
    void inboundTextThatIsNotUtf8OrInAnUnknownCharsetIsKeptNotRefused() {
        String sender = HelpdeskFixture.newEmail();
        byte[] head = ("Return-Path: <" + sender + ">\r\nFrom: " + sender + "\r\nSubject: =?x-no-such-charset?B?SGVsbG8=?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCaf")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] latin1 = {(byte) 0xE9, (byte) 0xFF, (byte) 0xC3, (byte) 0x28, '\r', '\n'};
        byte[] raw = new byte[head.length + latin1.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(latin1, 0, raw, head.length, latin1.length);
        String reference = reference(fixture.postInbound(raw));
        String message = jdbc.sql("SELECT message FROM helpdesk_ticket WHERE reference = :r").param("r", reference).query(String.class).single();
        assertThat(message).startsWith("Caf");

        String unknownCharset = "Return-Path: <" + sender + ">\r\nFrom: " + sender + "\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nbody\r\n";
        String second = reference(fixture.inbound(GreenMailSmtp.INBOUND_SECRET, unknownCharset));
        assertThat(jdbc.sql("SELECT message FROM helpdesk_ticket WHERE reference = :r").param("r", second).query(String.class).single())
                .isEqualTo("(text in an unsupported character set)");
    }

    @Test
    void inboundMailOverTheBodyCapIsRefusedWith413() {
        String sender = HelpdeskFixture.newEmail();
        String big = mail("<" + sender + ">", sender, "") + "x".repeat(70_000);
        HttpResponse<String> r = fixture.inbound(GreenMailSmtp.INBOUND_SECRET, big);
        assertProblem(r, 413, "payload-too-large");
        assertThat(r.body()).doesNotContain("xxxx");
    }

    @Test
    void anAgentsReplyReachesTheVerifiedContactWithItsTextEscapedInHtml() throws Exception {
        String contact = HelpdeskFixture.newEmail();
        String reference = reference(fixture.submitVerified(contact, "Name wrong", "Please fix."));
        deliver();
        HelpdeskFixture.Agent agent = fixture.agent(staff, "HELPDESK_AGENT");

        HttpResponse<String> r = fixture.post("/api/v1/helpdesk/tickets/" + reference + "/replies",
                "{\"text\":\"Fixed <b>now</b> & done.\\r\\nBcc: victim@example.com\"}", HelpdeskFixture.newIp(), agent.session());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        deliver();

        List<MimeMessage> received = receivedBy(contact);
        assertThat(received).hasSize(2);
        MimeMessage reply = received.get(1);
        assertThat(reply.getSubject()).isEqualTo("Jawapan meja bantuan Benteng (" + reference + ")");
        assertThat(reply.getHeader("Auto-Submitted")).isNull();
        assertThat(reply.getHeader("Bcc")).isNull();
        assertThat(receivedBy("victim@example.com")).isEmpty();
        String html = html(reply);
        assertThat(html).contains("Fixed &lt;b&gt;now&lt;/b&gt; &amp; done.<br>Bcc: victim@example.com").doesNotContain("<b>now");
    }
}
