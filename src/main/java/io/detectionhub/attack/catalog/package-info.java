/** The ATT&amp;CK catalogue: tactics, techniques and sub-techniques, the matrix, and how the catalogue is stored. */
@NamedInterface("catalog")
package io.detectionhub.attack.catalog;

import org.springframework.modulith.NamedInterface;
