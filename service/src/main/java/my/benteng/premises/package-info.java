/**
 * Venues registered by owners who proved their phone, their QR tokens and posters. Other modules verify a
 * scanned code with {@link my.benteng.premises.PremisesDirectory#verify(my.benteng.premises.QrToken)} and read
 * a premises' public name from the same directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Premises and QR codes",
        allowedDependencies = {"platform", "audit", "account"})
package my.benteng.premises;
