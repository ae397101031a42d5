package my.benteng.helpdesk.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each RFC 3834 rule alone: one thing differs from a message that may be answered. */
class AutoReplyPolicyTest {

    private static AutoReplyPolicy.Envelope envelope(String returnPath, List<String> headers, List<String> autoSubmitted, List<String> precedence) {
        return new AutoReplyPolicy.Envelope(returnPath, headers, autoSubmitted, precedence);
    }

    @Test
    void anOrdinaryMessageMayBeAnswered() {
        assertThat(AutoReplyPolicy.refusal(envelope("<siti@example.org>", List.of("From", "To", "Subject"), List.of(), List.of()))).isEmpty();
        assertThat(AutoReplyPolicy.refusal(envelope("<siti@example.org>", List.of(), List.of("no"), List.of("normal")))).isEmpty();
        assertThat(AutoReplyPolicy.refusal(envelope("<siti@example.org>", List.of(), List.of(" No ; comment"), List.of()))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "'', helpdesk.ack.null_return_path",
            "'<>', helpdesk.ack.null_return_path",
            "'< >', helpdesk.ack.null_return_path",
            "<MAILER-DAEMON@mx.example.org>, helpdesk.ack.mailer_daemon",
            "<mailer-daemon@mx.example.org>, helpdesk.ack.mailer_daemon",
            "<news-REQUEST@example.org>, helpdesk.ack.list_request",
            "<Owner-news@example.org>, helpdesk.ack.list_owner",
    })
    void returnPathRules(String returnPath, String reason) {
        assertThat(AutoReplyPolicy.refusal(envelope(returnPath, List.of(), List.of(), List.of()))).contains(reason);
    }

    @Test
    void aMissingReturnPathIsTreatedAsNull() {
        assertThat(AutoReplyPolicy.refusal(envelope(null, List.of(), List.of(), List.of()))).contains("helpdesk.ack.null_return_path");
    }

    @ParameterizedTest
    @CsvSource({"auto-replied", "auto-generated", "auto-notified", "AUTO-REPLIED; owner-email=x@example.org", "anything"})
    void autoSubmittedOtherThanNo(String value) {
        assertThat(AutoReplyPolicy.refusal(envelope("<siti@example.org>", List.of(), List.of(value), List.of())))
                .contains("helpdesk.ack.auto_submitted");
    }

    @ParameterizedTest
    @CsvSource({"List-Id", "list-unsubscribe", "List-Post", "LIST-HELP"})
    void anyListHeader(String name) {
        assertThat(AutoReplyPolicy.refusal(envelope("<siti@example.org>", List.of("From", name), List.of(), List.of())))
                .contains("helpdesk.ack.list_header");
    }

    @ParameterizedTest
    @CsvSource({"bulk", "list", "junk", "BULK", "' junk '"})
    void bulkListOrJunkPrecedence(String value) {
        assertThat(AutoReplyPolicy.refusal(envelope("<siti@example.org>", List.of(), List.of(), List.of(value))))
                .contains("helpdesk.ack.precedence");
    }

    @Test
    void otherPrecedenceIsFine() {
        assertThat(AutoReplyPolicy.refusal(envelope("<siti@example.org>", List.of(), List.of(), List.of("first-class"))))
                .isEqualTo(Optional.empty());
    }
}
