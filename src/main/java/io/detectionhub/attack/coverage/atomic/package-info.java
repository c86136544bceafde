/** Which rules fire on the process events each Atomic test would produce: pure calculation over compiled rules. */
@NamedInterface("atomic-coverage")
package io.detectionhub.attack.coverage.atomic;

import org.springframework.modulith.NamedInterface;
