package my.benteng.checkin.web;

import my.benteng.account.AccountPrincipal;
import my.benteng.checkin.internal.CheckinService;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Check-in, check-out and the caller's history. */
@RestController
class CheckinController {

    private final CheckinService checkins;

    CheckinController(CheckinService checkins) {
        this.checkins = checkins;
    }

    record CheckinRequest(String qr, List<String> dependants) {
    }

    record CheckinResponse(String checkinId, String premisesName, Instant checkedInAt) {
    }

    record CheckoutResponse(String checkinId, Instant checkedInAt, Instant checkedOutAt) {
    }

    record HistoryItem(String checkinId, String premisesId, String premisesName, Instant checkedInAt, Instant checkedOutAt,
                       List<String> dependants) {
    }

    record HistoryPage(int page, int size, List<HistoryItem> items) {
    }

    /** 201 for a new check-in; 200 with the same {@code checkinId} for a repeat scan inside the repeat window. */
    @PostMapping(path = "/api/v1/checkins", consumes = "application/json")
    ResponseEntity<CheckinResponse> checkIn(@RequestBody CheckinRequest request, @AuthenticationPrincipal AccountPrincipal caller) {
        CheckinService.Checkin c = checkins.checkIn(caller, request.qr(), request.dependants());
        return ResponseEntity.status(c.created() ? HttpStatus.CREATED : HttpStatus.OK).cacheControl(CacheControl.noStore())
                .body(new CheckinResponse(c.id(), c.premisesName(), c.checkedInAt()));
    }

    @PostMapping("/api/v1/checkins/{id}/checkout")
    ResponseEntity<CheckoutResponse> checkOut(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller) {
        CheckinService.Checkin c = checkins.checkOut(caller, id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new CheckoutResponse(c.id(), c.checkedInAt(), c.checkedOutAt()));
    }

    @GetMapping("/api/v1/me/checkins")
    ResponseEntity<HistoryPage> history(@RequestParam(name = "page", defaultValue = "0") int page,
                                        @RequestParam(name = "size", defaultValue = "20") int size,
                                        @AuthenticationPrincipal AccountPrincipal caller) {
        List<HistoryItem> items = checkins.history(caller, page, size).stream()
                .map(c -> new HistoryItem(c.id(), c.premisesId().value(), c.premisesName(), c.checkedInAt(), c.checkedOutAt(), c.dependants()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new HistoryPage(page, size, items));
    }
}
