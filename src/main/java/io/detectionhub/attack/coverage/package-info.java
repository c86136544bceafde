/** Coverage of the ATT&amp;CK matrix by a set of rules, and its exports (Navigator layer, CSV): pure calculation. */
@NamedInterface("coverage")
package io.detectionhub.attack.coverage;

import org.springframework.modulith.NamedInterface;
