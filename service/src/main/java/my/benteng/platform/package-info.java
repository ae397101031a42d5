/**
 * Shared kernel: clock, value objects that validate and mask ({@link my.benteng.platform.PhoneNumber},
 * {@link my.benteng.platform.EmailAddress}, and the {@link my.benteng.platform.Contact} made of either, with its
 * {@link my.benteng.platform.Channel} and the {@link my.benteng.platform.SpendLevel} of that channel — one contact
 * vocabulary for every module), RFC 9457 problem details, client-IP resolution, the
 * database dialect, the limit store and the security configuration every other module relies on.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform kernel")
package my.benteng.platform;
