/**
 * The public face: the landing page at {@code /}, the privacy page (what is kept and for how long, read from the
 * live configuration) and the placeholders for journeys whose pages are not built yet. Pages only: no data of its
 * own, and no dependency but the platform, whose layout, stylesheet and languages every page shares.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Public site", allowedDependencies = {"platform"})
package my.benteng.site;
