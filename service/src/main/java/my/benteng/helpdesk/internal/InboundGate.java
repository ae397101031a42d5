package my.benteng.helpdesk.internal;

import my.benteng.account.Citizens;
import my.benteng.platform.ClientIp;
import my.benteng.platform.RefusedException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Inbound e-mail from the MTA. The sender of a mail is not proven by the mail (From and Return-Path are
 * whatever the sender's software wrote), so an inbound ticket's contact counts as verified only when it is the
 * verified contact of a citizen account and the return path is that same address; even then the RFC 3834
 * rules and the 7-day rule apply, and the only thing it can ever receive is the fixed acknowledgement.
 */
@Component
public class InboundGate {

    private final byte[] secretDigest;
    private final TicketService tickets;
    private final Citizens citizens;

    InboundGate(HelpdeskKeys keys, TicketService tickets, Citizens citizens) {
        this.secretDigest = sha256(keys.inboundSecret());
        this.tickets = tickets;
        this.citizens = citizens;
    }

    /** The header in which the MTA sends the shared secret. */
    public static final String SECRET_HEADER = "X-Helpdesk-Inbound-Secret";

    /**
     * Lets a request with the MTA's secret through; refuses any other ({@link HelpdeskRefusal.InboundUnauthenticated},
     * worded as the generic 401, which says nothing about the secret).
     */
    public void admit(String presentedSecret) {
        if (!authentic(presentedSecret)) {
            throw new RefusedException(new HelpdeskRefusal.InboundUnauthenticated());
        }
    }

    /** Constant time: digests of equal length are compared with MessageDigest.isEqual, so timing tells nothing. */
    boolean authentic(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 1024) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)), secretDigest);
    }

    public TicketService.Submitted accept(byte[] raw, ClientIp ip) {
        InboundMail.Parsed mail = InboundMail.parse(raw);
        Optional<String> refusal = AutoReplyPolicy.refusal(mail.envelope());
        if (refusal.isEmpty() && !mail.returnPathIsSender()) {
            refusal = Optional.of("helpdesk.ack.return_path_not_sender");
        }
        boolean verified = mail.returnPathIsSender() && citizens.findByContact(mail.contact()).isPresent();
        return tickets.submit(mail.input(), mail.contact(), verified, null, Ticket.Source.EMAIL, refusal, ip);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
