/** The Atomic Red Team index: tests per technique with their executors and input arguments. */
@NamedInterface("atomic")
package io.detectionhub.attack.atomic;

import org.springframework.modulith.NamedInterface;
