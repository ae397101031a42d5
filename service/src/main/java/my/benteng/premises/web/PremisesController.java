package my.benteng.premises.web;

import jakarta.servlet.http.HttpServletRequest;
import my.benteng.account.AccountPrincipal;
import my.benteng.platform.ClientIp;
import my.benteng.premises.internal.PremisesService;
import my.benteng.premises.internal.Registration;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Premises registration and QR re-issue. */
@RestController
class PremisesController {

    private final PremisesService premises;

    PremisesController(PremisesService premises) {
        this.premises = premises;
    }

    record RegisterRequest(String verificationToken, String name, String address, String postcode, String state, String category) {
        @Override
        public String toString() {
            return "RegisterRequest[verificationToken=(hidden)]";
        }
    }

    record RegisteredResponse(String premisesId, String qrUrl, String sessionToken) {
        @Override
        public String toString() {
            return "RegisteredResponse[premisesId=" + premisesId + "]";
        }
    }

    record QrResponse(String premisesId, String qrUrl) {
    }

    @PostMapping(path = "/api/v1/premises", consumes = "application/json")
    ResponseEntity<RegisteredResponse> register(@RequestBody RegisterRequest request, HttpServletRequest http) {
        // fields first: a typo must neither spend the verification token nor count against the limits
        Registration registration = Registration.parse(request.name(), request.address(), request.postcode(), request.state(),
                request.category());
        PremisesService.Registered r = premises.register(request.verificationToken(), registration, ClientIp.of(http));
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new RegisteredResponse(r.premisesId().value(), r.qrUrl(), r.session().token()));
    }

    /** Revokes the current QR code (every printed poster stops working) and returns the new one. */
    @PostMapping("/api/v1/premises/{id}/qr")
    ResponseEntity<QrResponse> reissue(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller,
                                       HttpServletRequest http) {
        String url = premises.reissueQr(id, caller, ClientIp.of(http));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new QrResponse(id, url));
    }

    @GetMapping("/api/v1/premises/{id}/poster.png")
    ResponseEntity<byte[]> posterPng(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        return poster(premises.poster(id, caller, ClientIp.of(http), PremisesService.PosterFormat.PNG), MediaType.IMAGE_PNG, "poster.png");
    }

    @GetMapping("/api/v1/premises/{id}/poster.pdf")
    ResponseEntity<byte[]> posterPdf(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        return poster(premises.poster(id, caller, ClientIp.of(http), PremisesService.PosterFormat.PDF), MediaType.APPLICATION_PDF, "poster.pdf");
    }

    /** A fixed file name: the premises name never reaches a header. */
    private static ResponseEntity<byte[]> poster(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(fileName).build().toString())
                .body(body);
    }
}
