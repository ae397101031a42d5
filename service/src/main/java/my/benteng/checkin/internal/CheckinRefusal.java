package my.benteng.checkin.internal;

import my.benteng.platform.Refusal;

import java.time.Duration;

/** Why a check-in, check-out or history request is refused; {@code web.CheckinProblems} words each for clients. */
public sealed interface CheckinRefusal extends Refusal {

    /** Only citizens check in (a member of staff asked). */
    record NotACitizen() implements CheckinRefusal {
    }

    /** One refusal for every bad code: garbage, forged, altered, revoked, rotated out or unknown premises. */
    record InvalidQr() implements CheckinRefusal {
    }

    /** No check-in of the caller's has that id (someone else's answers the same). */
    record CheckinNotFound() implements CheckinRefusal {
    }

    /** The writer's queue is full: check-ins arrive faster than they are recorded. */
    record Busy(Duration retryAfter) implements CheckinRefusal {
    }

    /** The check-in was not recorded: its batch failed, the writer stopped, or no answer came in time. */
    record Unavailable(Duration retryAfter) implements CheckinRefusal {
    }
}
