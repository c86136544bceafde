/**
 * The immutable Sigma model: rules, correlation rules and filters, their detections and condition AST.
 * Plain Java: no Spring, no I/O. Produced by {@code io.detectionhub.sigma.parser}, read by evaluation and KQL translation.
 */
package io.detectionhub.sigma.model;
