package my.benteng.ekyc.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import my.benteng.ekyc.MyKadNumber;
import my.benteng.ekyc.internal.ImageSanitiser;
import my.benteng.ekyc.internal.RelyingParty;
import my.benteng.ekyc.internal.Renditions;
import my.benteng.ekyc.internal.SignedRequests;
import my.benteng.ekyc.internal.Vault;
import my.benteng.ekyc.internal.VaultException;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** What relying parties call, each request HMAC-signed (see {@link SignedRequests}). */
@RestController
@Tag(name = "eKYC relying parties")
class RelyingPartyController {

    private final SignedRequests signatures;
    private final ImageSanitiser sanitiser;
    private final Vault vault;
    private final JsonMapper json;
    private final Clock clock;

    RelyingPartyController(SignedRequests signatures, ImageSanitiser sanitiser, Vault vault, JsonMapper json, Clock clock) {
        this.signatures = signatures;
        this.sanitiser = sanitiser;
        this.vault = vault;
        this.json = json;
        this.clock = clock;
    }

    record SessionCreated(String sessionId, String frontImageId, String backImageId, Instant expiresAt) {
    }

    record VerifyRequest(String consentReference, String name, String dateOfBirth, String myKadNumber, Integer ageAtLeast) {
        @Override
        public String toString() {
            return "VerifyRequest[" + consentReference + "]";
        }
    }

    record VerifyResponse(String consentReference, Map<String, Boolean> matches) {
    }

    @Operation(summary = "Store an eKYC session",
            description = "Multipart: myKadNumber, consent, front, back (JPEG or PNG by content, ≤ 5 MB and ≤ 25 MP each). The signed body "
                    + "hash is SHA-256 over the lines 'name:hex(SHA-256(part bytes))\\n' for back, consent, front, myKadNumber in that order.")
    @PostMapping(path = "/api/v1/ekyc/sessions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<SessionCreated> createSession(@RequestParam("myKadNumber") String myKadNumber, @RequestParam("consent") String consent,
                                                 @RequestPart("front") MultipartFile front, @RequestPart("back") MultipartFile back,
                                                 HttpServletRequest http) throws IOException {
        if (myKadNumber.length() > 64 || consent.length() > 64) {
            throw new InvalidValueException(myKadNumber.length() > 64 ? "myKadNumber" : "consent", "is too long");
        }
        byte[] frontBytes = front.getBytes();
        byte[] backBytes = back.getBytes();
        RelyingParty party = signatures.authenticate(http, SignedRequests.multipartDigest(backBytes, consent.getBytes(StandardCharsets.UTF_8), frontBytes,
                myKadNumber.getBytes(StandardCharsets.UTF_8)));
        MyKadNumber number = MyKadNumber.parse(myKadNumber, today());
        ImageSanitiser.Clean frontClean = sanitise("front", frontBytes);
        ImageSanitiser.Clean backClean = sanitise("back", backBytes);
        Vault.Ingested stored = vault.ingest(party, consent, number, frontClean, backClean, ClientIp.of(http).text())
                .orElseThrow(RelyingPartyController::noConsent);
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new SessionCreated(stored.recordId(), stored.frontImageId(), stored.backImageId(), stored.expiresAt()));
    }

    @Operation(summary = "Ask yes/no questions about the consented record",
            description = "Body {consentReference, name?, dateOfBirth?, myKadNumber?, ageAtLeast?}; answers true/false per question asked, "
                    + "never a stored value.")
    @PostMapping(path = "/api/v1/ekyc/verify", consumes = "application/json")
    VerifyResponse verify(@RequestBody byte[] body, HttpServletRequest http) {
        RelyingParty party = signatures.authenticate(http, SignedRequests.sha256(body));
        VerifyRequest request;
        try {
            request = json.readValue(body, VerifyRequest.class);
        } catch (JacksonException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                    "The body is not well-formed JSON of the expected shape.");
        }
        if (request == null || request.consentReference() == null) {
            throw new InvalidValueException("consentReference", "is required");
        }
        if (request.name() != null && request.name().length() > 200) {
            throw new InvalidValueException("name", "is too long");
        }
        LocalDate dob = null;
        if (request.dateOfBirth() != null) {
            try {
                dob = LocalDate.parse(request.dateOfBirth());
            } catch (DateTimeParseException e) {
                throw new InvalidValueException("dateOfBirth", "must be an ISO date YYYY-MM-DD");
            }
        }
        if (request.ageAtLeast() != null && (request.ageAtLeast() < 1 || request.ageAtLeast() > 150)) {
            throw new InvalidValueException("ageAtLeast", "must be 1-150");
        }
        MyKadNumber number = request.myKadNumber() == null ? null : MyKadNumber.parse(request.myKadNumber(), today());
        Map<String, Boolean> answers = vault.verify(party, request.consentReference(),
                        new Vault.Questions(request.name(), dob, number, request.ageAtLeast()), ClientIp.of(http).text())
                .orElseThrow(RelyingPartyController::noConsent);
        return new VerifyResponse(request.consentReference(), answers);
    }

    @Operation(summary = "A watermarked rendition of a card image",
            description = "JPEG with a visible overlay and an invisible forensic watermark naming this access; the original never leaves.")
    @GetMapping("/api/v1/ekyc/images/{id}")
    ResponseEntity<byte[]> image(@PathVariable("id") String id, HttpServletRequest http) {
        RelyingParty party = signatures.authenticate(http, SignedRequests.sha256(new byte[0]));
        Renditions.Rendition rendition;
        try {
            rendition = vault.rendition(party, id, ClientIp.of(http).text()).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "image-not-found", "Image not found",
                        "No image under an active consent of yours has that id."));
        } catch (Renditions.UnattributableRenditionException e) {
            // withheld rather than sent untraceable; a new attempt carries a new access id and watermark
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "rendition-unavailable", "Rendition unavailable",
                    "The image could not be prepared this time; retry later.", java.time.Duration.ofSeconds(1), java.util.Map.of());
        } catch (VaultException e) {
            // shredded under our feet, tampered or swapped ciphertext: a clean refusal, never a 500
            org.slf4j.LoggerFactory.getLogger(RelyingPartyController.class).warn("vault read failed: {}", e.getMessage());
            throw new ApiProblem(HttpStatus.GONE, "image-unavailable", "Image unavailable", "The image can no longer be read.");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_JPEG)
                .header("X-Ekyc-Access-Id", Renditions.accessIdText(rendition.accessId()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"ekyc-rendition.jpg\"")
                .body(rendition.jpeg());
    }

    private ImageSanitiser.Clean sanitise(String field, byte[] bytes) {
        try {
            return sanitiser.sanitise(bytes);
        } catch (ImageSanitiser.RefusedImageException e) {
            throw switch (e.refusal()) {
                case EMPTY, UNREADABLE -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "image-unreadable", "Image unreadable",
                        "The " + field + " image could not be decoded as JPEG or PNG.");
                case TOO_LARGE -> new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "image-too-large", "Image too large",
                        "The " + field + " image is larger than 5 MB.");
                case NOT_AN_IMAGE -> new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-image-type", "Unsupported image type",
                        "The " + field + " image is neither JPEG nor PNG (judged by its content, not its name or declared type).");
                case TOO_MANY_PIXELS -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "image-too-many-pixels", "Image has too many pixels",
                        "The " + field + " image is larger than 25 megapixels.");
                case BUSY -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "vault-busy", "Vault busy",
                        "Too many images are being processed; retry shortly.", java.time.Duration.ofSeconds(5), Map.of());
            };
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Vault.MALAYSIA);
    }

    private static ApiProblem noConsent() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "ekyc-record-not-found", "No consented record",
                "There is no active consent of yours with that reference, or no live record under it.");
    }
}
