package my.benteng.helpdesk.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden values computed by the HMAC code before {@code platform.KeyedHash}: acknowledgement hashes must keep matching. */
class TicketServiceTest {

    private final TicketService tickets = new TicketService(null, null, null, null, null, null, null,
            new HelpdeskKeys("a helpdesk recipient key, at least 32 bytes".getBytes(StandardCharsets.UTF_8), new byte[32]));

    @Test
    void recipientHashesAreThoseAlreadyStoredForAcknowledgements() {
        assertThat(tickets.recipientHash(Contact.of(PhoneNumber.parse("+60123456789")))).isEqualTo("1deb76e2360a8d170d39226d2f137f99e771b96c8c45b98edbe5f9ca6d60b468");
        assertThat(tickets.recipientHash(Contact.of(EmailAddress.parse("siti.aminah@contoh.my")))).isEqualTo("4a15f9db1cde4b383fd09cf183eef64f07ab885d2cbb0f733fd8f7d88797ff65");
    }
}
