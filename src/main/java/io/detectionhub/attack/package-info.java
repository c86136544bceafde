/**
 * The MITRE ATT&amp;CK catalogue and the Atomic Red Team index: lookups, the read API, admin loads of newer catalogues,
 * and the pure calculations over them (coverage of a set of rules, simulated Atomic events, derived enrichment).
 * It knows nothing of the rule library: features that combine the two ({@code library}'s auto-enrichment,
 * {@code coverage}, {@code pages}) depend on it.
 */
@ApplicationModule(displayName = "ATT&CK and Atomic catalogues", allowedDependencies = {"sigma", "web", "security"})
package io.detectionhub.attack;

import org.springframework.modulith.ApplicationModule;
