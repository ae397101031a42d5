package my.benteng.ekyc.web;

import my.benteng.ekyc.internal.EkycRefusal;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusalProblems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The eKYC module's refusals as relying parties read them. They say which check failed (a partner must be able to fix
 * its client), never what was sent.
 */
@Component
class EkycProblems implements RefusalProblems<EkycRefusal> {

    @Override
    public ProblemWords words(EkycRefusal refusal) {
        return switch (refusal) {
            case EkycRefusal.SignatureRequired r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "signature-required", "Signed request required",
                    "Send X-Ekyc-Key, X-Ekyc-Timestamp, X-Ekyc-Nonce and X-Ekyc-Signature in the documented format.");
            case EkycRefusal.StaleRequest r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "stale-request", "Request timestamp out of range",
                    "The timestamp must be within " + r.skewSeconds() + " seconds of the server's clock.");
            case EkycRefusal.UnknownKey r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "unknown-key", "Unknown key",
                    "The key is not registered or was disabled.");
            case EkycRefusal.SourceNotAllowed r -> ProblemWords.of(HttpStatus.FORBIDDEN, "source-not-allowed", "Source address not allowed",
                    "Requests under this key must come from the networks registered for it.");
            case EkycRefusal.BadSignature r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "bad-signature", "Bad signature",
                    "The signature does not match the request.");
            case EkycRefusal.Replayed r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "replayed-request", "Request replayed",
                    "This nonce was already used; every request needs a new one.");
        };
    }
}
