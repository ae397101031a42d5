package my.benteng.audit;

import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The verification report is for security analysts and operators only. */
@SqliteIntegrationTest
class AuditVerificationEndpointSqliteIntegrationTest {

    private static final String REPORT = "/api/v1/audit/verification";

    @Autowired
    WebApplicationContext context;

    @Autowired
    AuditLog audit;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void anonymousCallersGetA401Problem() throws Exception {
        mvc.perform(get(REPORT))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:benteng:problem:unauthenticated"))
                .andExpect(jsonPath("$.intact").doesNotExist());
    }

    @Test
    void otherRolesGetA403Problem() throws Exception {
        mvc.perform(get(REPORT).with(user("citizen").roles("CITIZEN")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:benteng:problem:forbidden"));
    }

    @Test
    void securityAnalystsAndOperatorsGetTheReport() throws Exception {
        audit.record(AuditEvent.named("sensitive_read").actor("analyst-test").subject("******-**-**12"));
        for (String role : new String[] {"SECURITY_ANALYST", "OPERATOR"}) {
            mvc.perform(get(REPORT).with(user("staff").roles(role)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.intact").value(true))
                    .andExpect(jsonPath("$.entriesChecked").isNumber())
                    .andExpect(jsonPath("$.firstBrokenSeq").doesNotExist())
                    .andExpect(jsonPath("$.lastCheckpointSeq").isNumber());
        }
    }
}
