/// STIX 2.1 (OASIS Structured Threat Information Expression), the JSON shape threat-intel
/// platforms import: <https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html>.
///
/// StegCarve emits a bundle (§8) of `file` and `directory` cyber-observable objects (§6.5,
/// §6.3), `relationship` objects (§5.1) saying which file contains which carved artifact and
/// where, `indicator` objects (§4.7) for files and artifacts judged malicious or suspicious,
/// and one `identity` (§4.5) naming StegCarve as their creator. What STIX has no property for
/// travels in custom properties prefixed `x_stegcarve_` (§11.1).
package enum STIX {
    /// `spec_version` of every object.
    package static let specVersion = "2.1"

    /// Property names every custom property starts with.
    package static let customPrefix = "x_stegcarve_"
}
