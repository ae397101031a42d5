package my.benteng.testing;

import my.benteng.shield.PowChallenge;
import org.altcha.altcha.Altcha;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Solves challenges the way the ALTCHA widget does and returns the payload a client would send. */
public final class AltchaSolver {

    private AltchaSolver() {
    }

    public static String solve(PowChallenge challenge) {
        try {
            Altcha.Solution solution = Altcha.solveChallenge(challenge.challenge(), challenge.salt(), Altcha.Algorithm.SHA256,
                    challenge.maxnumber(), 0);
            if (solution == null) {
                throw new IllegalStateException("no solution found");
            }
            return payload(challenge.challenge(), solution.number, challenge.salt(), challenge.signature());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String payload(String challenge, long number, String salt, String signature) {
        String json = "{\"algorithm\":\"SHA-256\",\"challenge\":\"" + challenge + "\",\"number\":" + number
                + ",\"salt\":\"" + salt + "\",\"signature\":\"" + signature + "\",\"took\":12}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
