package my.benteng.checkin.web;

import my.benteng.checkin.internal.CheckinRefusal;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusalProblems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The check-in module's refusals as clients read them. */
@Component
public class CheckinProblems implements RefusalProblems<CheckinRefusal> {

    @Override
    public ProblemWords words(CheckinRefusal refusal) {
        return switch (refusal) {
            case CheckinRefusal.NotACitizen r -> ProblemWords.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Only citizens check in.");
            case CheckinRefusal.InvalidQr r -> ProblemWords.of(HttpStatus.BAD_REQUEST, "invalid-qr", "Invalid QR code",
                    "This QR code is not valid. Scan the premises' current poster.");
            case CheckinRefusal.CheckinNotFound r -> ProblemWords.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such check-in.");
            // load, not a fault: 429 and 503 with Retry-After, never a 5xx fault
            case CheckinRefusal.Busy r -> ProblemWords.of(HttpStatus.TOO_MANY_REQUESTS, "checkin-busy", "Too many check-ins",
                    "Check-ins are arriving faster than they can be recorded; try again shortly.").retryAfter(r.retryAfter());
            case CheckinRefusal.Unavailable r -> ProblemWords.of(HttpStatus.SERVICE_UNAVAILABLE, "checkin-unavailable",
                    "Check-in not recorded", "The check-in could not be recorded; try again shortly.").retryAfter(r.retryAfter());
        };
    }
}
