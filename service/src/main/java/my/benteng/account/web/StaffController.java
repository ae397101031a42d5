package my.benteng.account.web;

import jakarta.servlet.http.HttpServletRequest;
import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.internal.StaffService;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ClientIp;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Staff sign-in, and staff administration by operators. */
@RestController
class StaffController {

    private final StaffService staff;

    StaffController(StaffService staff) {
        this.staff = staff;
    }

    record StaffSignInRequest(String username, String password, String totp) {
        @Override
        public String toString() {
            return "StaffSignInRequest[(hidden)]";
        }
    }

    record CreateStaffRequest(String username, List<String> roles, String password) {
        @Override
        public String toString() {
            return "CreateStaffRequest[roles=" + roles + "]";
        }
    }

    record CreatedStaffResponse(String staffId, String username, List<String> roles, String otpauthUri) {
        @Override
        public String toString() {
            return "CreatedStaffResponse[staffId=" + staffId + "]";
        }
    }

    @PostMapping(path = "/api/v1/staff/sessions", consumes = "application/json")
    ResponseEntity<SessionResponse> signIn(@RequestBody StaffSignInRequest request, HttpServletRequest http) {
        return SessionResponse.of(staff.signIn(request.username(), request.password(), request.totp(), ClientIp.of(http)));
    }

    @PostMapping(path = "/api/v1/staff", consumes = "application/json")
    ResponseEntity<CreatedStaffResponse> create(@RequestBody CreateStaffRequest request, @AuthenticationPrincipal AccountPrincipal operator,
                                                HttpServletRequest http) {
        requireStaff(operator);
        StaffService.CreatedStaff created = staff.create(request.username(), request.roles(), request.password(),
                "staff:" + operator.id(), ClientIp.of(http));
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new CreatedStaffResponse(created.id(), created.username(),
                        created.roles().stream().map(Enum::name).sorted().toList(), created.otpauthUri()));
    }

    @DeleteMapping("/api/v1/staff/{id}")
    ResponseEntity<Void> disable(@PathVariable String id, @AuthenticationPrincipal AccountPrincipal operator, HttpServletRequest http) {
        requireStaff(operator);
        staff.disable(id, operator.id(), ClientIp.of(http));
        return ResponseEntity.noContent().build();
    }

    /** Belt and braces behind the OPERATOR rule: a citizen session can never carry that role, but check the kind. */
    private static void requireStaff(AccountPrincipal principal) {
        if (principal == null || principal.kind() != AccountKind.STAFF) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You may not do this.");
        }
    }
}
