package my.benteng.premises;

import java.util.Objects;

/** What a valid, current QR code identifies: the premises and the name shown to the person checking in. */
public record CheckinSite(PremisesId premisesId, String name) {

    public CheckinSite {
        Objects.requireNonNull(premisesId, "premisesId");
        Objects.requireNonNull(name, "name");
    }
}
